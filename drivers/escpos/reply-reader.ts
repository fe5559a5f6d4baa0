import { isAsbHeader, isStatusReply, isTransmissionReply } from './status-bytes';

type Kind = 'status' | 'transmission';

/** Nothing came back in time: told apart from a dropped link, since a silent printer may still print. */
export class NoReplyError extends Error {
  constructor(
    readonly kind: Kind,
    timeoutMs: number,
  ) {
    super(`no ${kind} reply within ${timeoutMs} ms`);
    this.name = 'NoReplyError';
  }
}

interface Waiter {
  kind: Kind;
  resolve: (byte: number) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Sorts the bytes a printer sends back into `DLE EOT` replies, `GS r` replies and 4-byte
 * Automatic Status Back blocks, which share one stream and are told apart by fixed bits.
 */
export class ReplyReader {
  private readonly queued: Record<Kind, number[]> = { status: [], transmission: [] };
  private waiters: Waiter[] = [];
  private asb: number[] | null = null;

  constructor(private readonly onAsb: (block: number[]) => void = () => undefined) {}

  push(bytes: Uint8Array): void {
    for (const byte of bytes) {
      if (this.asb) {
        this.asb.push(byte);
        if (this.asb.length === 4) {
          this.onAsb(this.asb);
          this.asb = null;
        }
      } else if (isAsbHeader(byte)) this.asb = [byte];
      else if (isStatusReply(byte)) this.deliver('status', byte);
      else if (isTransmissionReply(byte)) this.deliver('transmission', byte);
    }
  }

  next(kind: Kind, timeoutMs: number): Promise<number> {
    const ready = this.queued[kind].shift();
    if (ready !== undefined) return Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        kind,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(new NoReplyError(kind, timeoutMs));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  /** Fails every pending wait, e.g. when the link drops. */
  abort(error: Error): void {
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.reject(error);
    }
    this.waiters = [];
  }

  private deliver(kind: Kind, byte: number): void {
    const waiter = this.waiters.find((w) => w.kind === kind);
    if (!waiter) {
      this.queued[kind].push(byte);
      return;
    }
    this.waiters = this.waiters.filter((w) => w !== waiter);
    clearTimeout(waiter.timer);
    waiter.resolve(byte);
  }
}
