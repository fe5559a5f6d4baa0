/** A sleep that a nudge can cut short. */
export class Waker {
  private wake: (() => void) | null = null;
  private nudged = false;

  /** Resolves true when nudged, false when `ms` passed. A nudge before the wait counts too. */
  sleep(ms: number): Promise<boolean> {
    if (this.nudged) {
      this.nudged = false;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve(false);
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve(true);
      };
    });
  }

  nudge(): void {
    if (this.wake) this.wake();
    else this.nudged = true;
  }
}
