/**
 * Collects jobs that arrive close together and hands them to `run` as one batch, so many requests
 * share one transaction and one commit. A batch starts on the next turn of the event loop (after
 * the requests already read from sockets are queued) and at most `maxInFlight` run at once.
 */
export interface GroupCommitOptions {
  maxBatch: number;
  maxInFlight: number;
}

interface Pending<J, R> {
  job: J;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export type BatchRunner<J, R> = (jobs: J[]) => Promise<({ ok: true; value: R } | { ok: false; error: unknown })[]>;

export class GroupCommit<J, R> {
  private queue: Pending<J, R>[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly run: BatchRunner<J, R>,
    private readonly options: GroupCommitOptions,
  ) {}

  submit(job: J): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.schedule();
    });
  }

  get idle(): boolean {
    return this.queue.length === 0 && this.inFlight === 0;
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.options.maxInFlight || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.inFlight++;
      void this.execute(batch).finally(() => {
        this.inFlight--;
        this.schedule();
      });
    }
  }

  private async execute(batch: Pending<J, R>[]): Promise<void> {
    try {
      const outcomes = await this.run(batch.map((p) => p.job));
      batch.forEach((pending, i) => {
        const outcome = outcomes[i];
        if (!outcome) pending.reject(new Error('batch runner returned too few outcomes'));
        else if (outcome.ok) pending.resolve(outcome.value);
        else pending.reject(outcome.error);
      });
    } catch (error) {
      for (const pending of batch) pending.reject(error);
    }
  }
}
