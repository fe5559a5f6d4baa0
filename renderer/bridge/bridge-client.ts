import {
  BRIDGE_TOKEN_PARAM,
  BridgeServerMessage,
  type BridgeEvent,
  type BridgeMethod,
  type BridgeRequestInput,
} from '../../core/hardware/bridge-protocol';
import { hardwareFail, type HardwareResult } from '../../core/hardware/hardware-result';
import type { HardwareLinkState } from '../../core/pos-api';

/** A request without the envelope the client adds (`type`, `id`). */
export type BridgeCall = BridgeRequestInput extends infer R ? (R extends unknown ? Omit<R, 'type' | 'id'> : never) : never;

/** The WebSocket surface used here: the browser's, or `ws` in Node tests. */
export interface SocketLike {
  onopen: (() => void) | null;
  onclose: (() => void) | null;
  onerror: (() => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  readonly readyState: number;
  send(text: string): void;
  close(): void;
}
export type SocketFactory = (url: string) => SocketLike;

export interface BridgeClientOptions {
  url: string;
  token: string;
  createSocket?: SocketFactory;
  /** Calls other than `printer.waitForJob` give up after this long. */
  requestTimeoutMs?: number;
  reconnect?: { initialMs: number; maxMs: number };
}

const OPEN = 1;

interface Pending {
  resolve: (result: HardwareResult) => void;
  timer: ReturnType<typeof setTimeout> | null;
}

/**
 * The hardware bridge's WebSocket, kept open: requests by id with a timeout, pushed events to
 * listeners, and a reconnect with backoff whenever the bridge goes away (a restart after a config
 * change, a crash). Every call answers a value; while disconnected it answers `not_connected`.
 */
export class BridgeClient {
  private socket: SocketLike | null = null;
  private readonly pending = new Map<string, Pending>();
  private readonly eventListeners = new Set<(event: BridgeEvent) => void>();
  private readonly linkListeners = new Set<(state: HardwareLinkState) => void>();
  private nextId = 0;
  private running = false;
  private delay: number;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private link: HardwareLinkState = 'disconnected';

  constructor(private readonly options: BridgeClientOptions) {
    this.delay = options.reconnect?.initialMs ?? 250;
  }

  get state(): HardwareLinkState {
    return this.link;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.connect();
  }

  stop(): void {
    this.running = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.socket?.close();
    this.dropConnection();
  }

  onEvent(listener: (event: BridgeEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onLink(listener: (state: HardwareLinkState) => void): () => void {
    this.linkListeners.add(listener);
    return () => this.linkListeners.delete(listener);
  }

  request(call: BridgeCall): Promise<HardwareResult> {
    const socket = this.socket;
    if (!socket || socket.readyState !== OPEN || this.link !== 'connected') {
      return Promise.resolve(hardwareFail('not_connected', 'the hardware bridge is not connected'));
    }
    const id = `r${++this.nextId}`;
    const waitsForPaper = (call.method as BridgeMethod) === 'printer.waitForJob';
    const timeoutMs = this.options.requestTimeoutMs ?? 10_000;
    return new Promise((resolve) => {
      const timer = waitsForPaper
        ? null
        : setTimeout(() => {
            this.pending.delete(id);
            resolve(hardwareFail('timeout', `the hardware bridge did not answer ${call.method} within ${timeoutMs} ms`));
          }, timeoutMs);
      this.pending.set(id, { resolve, timer });
      socket.send(JSON.stringify({ type: 'request', id, ...call }));
    });
  }

  private connect(): void {
    this.retryTimer = null;
    if (!this.running) return;
    const url = new URL(this.options.url);
    url.searchParams.set(BRIDGE_TOKEN_PARAM, this.options.token);
    let socket: SocketLike;
    try {
      socket = (this.options.createSocket ?? browserSocket)(url.toString());
    } catch {
      return this.scheduleReconnect();
    }
    this.socket = socket;
    socket.onmessage = (event) => this.receive(event.data);
    socket.onerror = () => undefined;
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.dropConnection();
      this.scheduleReconnect();
    };
  }

  private receive(data: unknown): void {
    let parsed: BridgeServerMessage;
    try {
      const message = BridgeServerMessage.safeParse(JSON.parse(typeof data === 'string' ? data : String(data)));
      if (!message.success) return;
      parsed = message.data;
    } catch {
      return;
    }
    if (parsed.type === 'response') {
      const pending = parsed.id === null ? undefined : this.pending.get(String(parsed.id));
      if (!pending) return;
      this.pending.delete(String(parsed.id));
      if (pending.timer) clearTimeout(pending.timer);
      pending.resolve(parsed.result as HardwareResult);
      return;
    }
    if (parsed.event === 'hello') {
      this.delay = this.options.reconnect?.initialMs ?? 250;
      this.setLink('connected');
    }
    for (const listener of this.eventListeners) listener(parsed);
  }

  private dropConnection(): void {
    this.socket = null;
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      if (pending.timer) clearTimeout(pending.timer);
      pending.resolve(hardwareFail('not_connected', 'the connection to the hardware bridge was lost'));
    }
    this.setLink('disconnected');
  }

  private scheduleReconnect(): void {
    if (!this.running || this.retryTimer) return;
    this.retryTimer = setTimeout(() => this.connect(), this.delay);
    this.delay = Math.min(this.options.reconnect?.maxMs ?? 5000, this.delay * 2);
  }

  private setLink(state: HardwareLinkState): void {
    if (this.link === state) return;
    this.link = state;
    for (const listener of this.linkListeners) listener(state);
  }
}

function browserSocket(url: string): SocketLike {
  return new WebSocket(url) as unknown as SocketLike;
}
