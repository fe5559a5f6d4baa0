/** Drops the same value read again within `windowMs` (a scanner that beeps twice on one code). */
export class RepeatFilter {
  private last: { value: string; at: number } | null = null;

  constructor(
    private readonly windowMs = 400,
    private readonly now: () => number = () => performance.now(),
  ) {}

  accept(value: string): boolean {
    const at = this.now();
    const repeat = this.last !== null && this.last.value === value && at - this.last.at < this.windowMs;
    this.last = { value, at };
    return !repeat;
  }
}
