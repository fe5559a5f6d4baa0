import { describe, expect, it } from 'vitest';
import { WedgeDetector, type KeyStroke } from '../../../../renderer/hardware/wedge-detector';

/** Keystrokes of `text` then `suffix`, `gapMs` apart, starting at `startMs`. */
function strokes(text: string, gapMs: number, suffix = 'Enter', startMs = 1000): KeyStroke[] {
  const keys = [...text, suffix];
  return keys.map((key, i) => ({ key, timeStamp: startMs + i * gapMs }));
}

function feedAll(detector: WedgeDetector, keys: KeyStroke[]) {
  return keys.map((k) => detector.feed(k)).filter((v) => v.scan);
}

describe('keyboard-wedge detection by keystroke timing', () => {
  it('takes a burst of at least 6 keys, on average 30 ms or less apart, ended by Enter or Tab', () => {
    expect(feedAll(new WedgeDetector(), strokes('123456789012', 8))).toEqual([{ scan: true, value: '123456789012' }]);
    expect(feedAll(new WedgeDetector(), strokes('6901234567892', 30, 'Tab'))).toEqual([{ scan: true, value: '6901234567892' }]);
  });

  it('leaves a person typing alone: keys 80 ms or more apart', () => {
    expect(feedAll(new WedgeDetector(), strokes('123456789012', 90))).toEqual([]);
    expect(feedAll(new WedgeDetector(), strokes('123456789012', 31))).toEqual([]);
  });

  it('needs six characters and a suffix', () => {
    expect(feedAll(new WedgeDetector(), strokes('12345', 5))).toEqual([]);
    expect(feedAll(new WedgeDetector(), strokes('123456', 5))).toHaveLength(1);
    expect(feedAll(new WedgeDetector(), strokes('123456789012', 5, 'Escape'))).toEqual([]);
  });

  it('starts a new burst after a pause, so a key typed long before a scan does not spoil it', () => {
    const detector = new WedgeDetector();
    detector.feed({ key: '7', timeStamp: 0 });
    expect(feedAll(detector, strokes('123456789012', 5, 'Enter', 5000))).toEqual([{ scan: true, value: '123456789012' }]);
  });

  it('keeps Shift out of the value (scanners press it for capitals) and reads a signed QR token whole', () => {
    const detector = new WedgeDetector();
    const keys: KeyStroke[] = [];
    let t = 0;
    for (const ch of 'HX1.AbC_d-9') {
      if (/[A-Z]/.test(ch)) keys.push({ key: 'Shift', timeStamp: (t += 2) });
      keys.push({ key: ch, timeStamp: (t += 3) });
    }
    keys.push({ key: 'Enter', timeStamp: t + 3 });
    expect(feedAll(detector, keys)).toEqual([{ scan: true, value: 'HX1.AbC_d-9' }]);
  });

  it('gives up on keys an input method is composing: they cannot be read', () => {
    const detector = new WedgeDetector();
    const keys = strokes('12345678', 5);
    keys.splice(4, 0, { key: 'Process', timeStamp: 1021, isComposing: true });
    expect(feedAll(detector, keys)).toEqual([]);
  });

  it('counts bursts, so a listener can remember what a field held before one began', () => {
    const detector = new WedgeDetector();
    feedAll(detector, strokes('111111', 5));
    feedAll(detector, strokes('222222', 5, 'Enter', 9000));
    expect(detector.bursts).toBe(2);
    expect(detector.length).toBe(0);
  });
});
