import type { RequestListener, Server, ServerResponse } from 'node:http';
import { failureAnswer } from './answer';

/** Event streams last as long as the connection: on a stopping node they are refused, so the client reconnects to another. */
const STREAM_PATHS = ['/api/v1/sync/events', '/api/v1/merchant/live/events'];

/**
 * Lets a stopping server finish what it started without taking new work on kept-alive
 * connections: once draining, every answer carries `Connection: close` (the proxy or client opens
 * its next request elsewhere), idle connections are closed, and a new event stream is refused with
 * 503 `UNAVAILABLE`.
 */
export class ConnectionDrain {
  private draining: Server | undefined;
  private readonly inFlight = new Set<ServerResponse>();

  wrap(listener: RequestListener): RequestListener {
    return (req, res) => {
      const stream = STREAM_PATHS.some((path) => req.url?.startsWith(path));
      if (this.draining) {
        res.shouldKeepAlive = false;
        if (stream) return refuseStream(res);
      } else if (!stream) {
        this.inFlight.add(res);
        res.once('close', () => this.inFlight.delete(res));
      }
      // An answer finished while stopping (an event stream the hubs ended, too) may leave its connection idle.
      res.once('close', () => this.draining && setImmediate(() => this.draining?.closeIdleConnections()));
      listener(req, res);
    };
  }

  /** Requests still being answered (event streams aside: the hubs end those). */
  get pending(): number {
    return this.inFlight.size;
  }

  start(server: Server): void {
    this.draining = server;
    for (const res of this.inFlight) if (!res.headersSent) res.shouldKeepAlive = false;
    server.closeIdleConnections();
  }
}

function refuseStream(res: ServerResponse): void {
  const answer = failureAnswer({ code: 'UNAVAILABLE', message: 'this server is stopping: connect again (another node answers)' });
  const json = JSON.stringify(answer.body);
  res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json), 'retry-after': '1' });
  res.end(json);
}
