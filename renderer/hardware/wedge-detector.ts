/** One keydown as the detector needs it (a DOM KeyboardEvent has these fields). */
export interface KeyStroke {
  key: string;
  /** Milliseconds, from `event.timeStamp`. */
  timeStamp: number;
  isComposing?: boolean;
}

export interface WedgeOptions {
  /** A scanner types a key every 1–10 ms, a person every 80 ms or more. */
  maxAverageMs: number;
  minLength: number;
  /**
   * A pause this long starts a new burst, so keys typed a while before a scan do not count
   * against it. Well above a scanner's own gaps, which a busy machine can stretch.
   */
  maxGapMs: number;
}

export const DEFAULT_WEDGE_OPTIONS: WedgeOptions = { maxAverageMs: 30, minLength: 6, maxGapMs: 250 };

const SUFFIXES = new Set(['Enter', 'Tab']);
/** Scanners press Shift for capitals; these keys neither add a character nor break a burst. */
const MODIFIERS = new Set(['Shift', 'CapsLock', 'Control', 'Alt', 'Meta', 'AltGraph']);

export type WedgeVerdict = { scan: false } | { scan: true; value: string };

/**
 * Tells a keyboard-wedge scanner from a person by timing: at least `minLength` characters, on
 * average no more than `maxAverageMs` apart (the Enter or Tab suffix included), then the suffix.
 * Keys an input method is composing cannot be read, so they break the burst.
 */
export class WedgeDetector {
  private chars = '';
  /** Counts bursts begun, so a listener can tell when a keystroke started a new one. */
  bursts = 0;
  private firstAt = 0;
  private lastAt = 0;

  constructor(private readonly options: WedgeOptions = DEFAULT_WEDGE_OPTIONS) {}

  /** Characters in the burst so far. */
  get length(): number {
    return [...this.chars].length;
  }

  feed(stroke: KeyStroke): WedgeVerdict {
    if (stroke.isComposing || stroke.key === 'Process' || stroke.key === 'Unidentified') return this.reset();
    if (SUFFIXES.has(stroke.key)) {
      const verdict = this.judge(stroke.timeStamp);
      this.reset();
      return verdict;
    }
    if (MODIFIERS.has(stroke.key)) return { scan: false };
    if ([...stroke.key].length !== 1) return this.reset();
    if (this.chars && stroke.timeStamp - this.lastAt > this.options.maxGapMs) this.reset();
    if (!this.chars) {
      this.firstAt = stroke.timeStamp;
      this.bursts += 1;
    }
    this.chars += stroke.key;
    this.lastAt = stroke.timeStamp;
    return { scan: false };
  }

  private judge(endAt: number): WedgeVerdict {
    const count = this.length;
    if (count < this.options.minLength || endAt - this.lastAt > this.options.maxGapMs) return { scan: false };
    const averageMs = (endAt - this.firstAt) / count;
    return averageMs <= this.options.maxAverageMs ? { scan: true, value: this.chars } : { scan: false };
  }

  private reset(): { scan: false } {
    this.chars = '';
    return { scan: false };
  }
}
