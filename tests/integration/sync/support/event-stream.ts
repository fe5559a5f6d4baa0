/** A terminal's `/sync/events` stream read over real HTTP, its events collected as they arrive. */
export class EventStream {
  readonly events: { name: string; data: string }[] = [];
  readonly ended: Promise<void>;
  private readonly controller = new AbortController();
  private waiters: (() => void)[] = [];

  private constructor(readonly status: number, body: ReadableStream<Uint8Array> | null) {
    this.ended = body ? this.read(body) : Promise.resolve();
  }

  static async open(baseUrl: string, token: string | undefined): Promise<EventStream> {
    const controller = new AbortController();
    const res = await fetch(`${baseUrl}/api/v1/sync/events`, {
      headers: { accept: 'text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      signal: controller.signal,
    });
    const stream = new EventStream(res.status, res.ok ? res.body : null);
    stream.close = () => controller.abort();
    if (!res.ok) await res.text();
    return stream;
  }

  close: () => void = () => this.controller.abort();

  count(name = 'nudge'): number {
    return this.events.filter((e) => e.name === name).length;
  }

  /** Resolves once `count(name)` reaches `n`; rejects after `timeoutMs`. */
  async waitFor(n: number, timeoutMs: number, name = 'nudge'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.count(name) < n) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`only ${this.count(name)} ${name} events after ${timeoutMs} ms`);
      await new Promise<void>((done) => {
        const timer = setTimeout(done, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          done();
        });
      });
    }
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    let name = '';
    let data: string[] = [];
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) {
          if (line === '') {
            if (name || data.length) this.events.push({ name: name || 'message', data: data.join('\n') });
            name = '';
            data = [];
            for (const wake of this.waiters.splice(0)) wake();
          } else if (line.startsWith('event:')) name = line.slice(6).trim();
          else if (line.startsWith('data:')) data.push(line.slice(5).trim());
        }
      }
    } catch {
      // Aborted by the test or cut by the server: the stream is over either way.
    }
    for (const wake of this.waiters.splice(0)) wake();
  }
}
