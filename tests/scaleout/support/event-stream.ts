export interface StreamEvent {
  event: string;
  data: string;
}

/**
 * One server-sent event stream read with fetch (a bearer token can go with it), every event kept;
 * `ended` resolves when the server closes it.
 */
export class EventStream {
  readonly events: StreamEvent[] = [];
  readonly ended: Promise<void>;
  private readonly abort = new AbortController();
  private waiters: (() => void)[] = [];

  private constructor(
    readonly status: number,
    body: ReadableStream<Uint8Array> | null,
    private readonly onEvent?: (event: StreamEvent) => void,
  ) {
    this.ended = body ? this.pump(body) : Promise.resolve();
  }

  static async open(url: string, headers: Record<string, string> = {}, onEvent?: (event: StreamEvent) => void): Promise<EventStream> {
    const abort = new AbortController();
    const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
    const stream = new EventStream(res.status, res.ok ? res.body : null, onEvent);
    stream.abort.signal.addEventListener('abort', () => abort.abort());
    if (!res.ok) await res.text();
    return stream;
  }

  private async pump(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          this.parse(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      // Cut by the server or closed here.
    }
    this.wake();
  }

  private parse(block: string): void {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
    }
    if (data.length === 0) return;
    const parsed = { event, data: data.join('\n') };
    this.events.push(parsed);
    this.onEvent?.(parsed);
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Resolves at the next event or the end, whichever comes first. */
  changed(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  close(): void {
    this.abort.abort();
  }
}
