/** A sleep that another part of the queue can cut short (new job, retry now, stop). */
export class Wakeup {
  private pending: (() => void) | null = null;
  private signalled = false;

  /** Resolves true when woken, false when the time ran out. */
  sleep(ms: number): Promise<boolean> {
    if (this.signalled) {
      this.signalled = false;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending = null;
        resolve(false);
      }, ms);
      this.pending = () => {
        clearTimeout(timer);
        this.pending = null;
        resolve(true);
      };
    });
  }

  wake(): void {
    if (this.pending) this.pending();
    else this.signalled = true;
  }
}
