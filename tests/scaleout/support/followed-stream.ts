import type { EventStream, StreamEvent } from './event-stream';

/**
 * An event stream a client keeps open as the POS and the back office do: when it ends (its node
 * stopped or died) it is opened again — through nginx, so on whichever node answers.
 */
export class FollowedStream {
  connections = 0;
  /** When each connection was made (for a failing test's message). */
  readonly openedAt: number[] = [];
  private current: EventStream | undefined;
  private stopped = false;
  private readonly done: Promise<void>;

  constructor(
    private readonly open: (onEvent: (event: StreamEvent) => void) => Promise<EventStream>,
    private readonly onEvent: (event: StreamEvent, connection: number) => void,
  ) {
    this.done = this.follow();
  }

  private async follow(): Promise<void> {
    while (!this.stopped) {
      const connection = this.connections + 1;
      const stream = await this.open((event) => this.onEvent(event, connection)).catch(() => undefined);
      if (this.stopped) {
        stream?.close();
        break;
      }
      if (stream?.status === 200) {
        this.connections = connection;
        this.openedAt.push(Date.now());
        this.current = stream;
        await stream.ended;
      }
      if (!this.stopped) await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.current?.close();
    await this.done;
  }
}
