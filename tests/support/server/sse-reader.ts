export interface SseEvent {
  id: string | undefined;
  event: string;
  data: unknown;
}

/** An open EventSource-like stream read with fetch: every event kept in order, waited for by predicate. */
export class SseReader {
  readonly events: SseEvent[] = [];
  private readonly abort = new AbortController();
  private waiters: (() => void)[] = [];
  ended = false;

  private constructor(readonly response: Response) {}

  static async open(url: string): Promise<SseReader> {
    const abort = new AbortController();
    const response = await fetch(url, { signal: abort.signal, headers: { accept: 'text/event-stream' } });
    const reader = new SseReader(response);
    reader.abort.signal.addEventListener('abort', () => abort.abort());
    if (response.ok) void reader.pump();
    return reader;
  }

  private async pump(): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of this.response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          this.parse(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      // Aborted by close().
    }
    this.ended = true;
    this.wake();
  }

  private parse(block: string): void {
    const fields = new Map<string, string>();
    for (const line of block.split('\n')) {
      if (line.startsWith(':') || !line.includes(':')) continue;
      const colon = line.indexOf(':');
      fields.set(line.slice(0, colon), line.slice(colon + 1).trimStart());
    }
    const data = fields.get('data');
    if (data === undefined) return;
    this.events.push({ id: fields.get('id'), event: fields.get('event') ?? 'message', data: JSON.parse(data) as unknown });
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** The first event (from `from` on) that matches; fails after `timeoutMs` (a bound, not an assertion on speed). */
  async next(match: (e: SseEvent) => boolean, from = 0, timeoutMs = 10_000): Promise<SseEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.slice(from).find(match);
      if (found) return found;
      if (this.ended) throw new Error(`stream ended without the event; got ${JSON.stringify(this.events.map((e) => e.event))}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(this.events.map((e) => e.event))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.abort.abort();
  }
}
