/** What a scan or a typed code led to, as the cashier hears it. */
export type ScanOutcome = 'accepted' | 'refused';

interface Note {
  hz: number;
  ms: number;
}

/** Accepted: one short high beep. Refused: two low buzzes — told apart without looking. */
export const TONES: Record<ScanOutcome, { wave: OscillatorType; notes: Note[] }> = {
  accepted: { wave: 'sine', notes: [{ hz: 1760, ms: 90 }] },
  refused: { wave: 'square', notes: [{ hz: 220, ms: 130 }, { hz: 180, ms: 170 }] },
};

const GAP_MS = 60;
const VOLUME = 0.18;

let context: AudioContext | null = null;

/** Plays the outcome's tones with the Web Audio API (no sound files); silent where there is none. */
export function playTone(outcome: ScanOutcome): void {
  if (typeof AudioContext === 'undefined') return;
  context ??= new AudioContext();
  const ctx = context;
  // A context made before any key press or touch may start suspended.
  if (ctx.state === 'suspended') void ctx.resume();
  const { wave, notes } = TONES[outcome];
  let at = ctx.currentTime;
  for (const note of notes) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = wave;
    osc.frequency.value = note.hz;
    const end = at + note.ms / 1000;
    gain.gain.setValueAtTime(VOLUME, at);
    // A quick fade avoids the click of cutting a wave mid-cycle.
    gain.gain.exponentialRampToValueAtTime(0.001, end);
    osc.connect(gain).connect(ctx.destination);
    osc.start(at);
    osc.stop(end);
    at = end + GAP_MS / 1000;
  }
}
