import type { Router } from 'express';
import type { SyncDeps } from '../../sync/sync-deps';
import { requireTerminal, sessionOf } from '../auth';

/**
 * Server-Sent Events: a `nudge` when anything in the terminal's store scope changed, so it pulls
 * at once instead of on a timer. One is sent on connecting too: changes made while the terminal
 * was not listening are waiting for it.
 */
export function syncEventsRoutes(router: Router, deps: SyncDeps): void {
  router.get('/sync/events', requireTerminal(deps.authenticator), (req, res) => {
    const session = sessionOf(res);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.flushHeaders();
    const send = (text: string) => {
      if (!res.writableEnded) res.write(text);
    };
    const nudge = () => send(`event: nudge\ndata: ${JSON.stringify({ at: deps.now().toISOString() })}\n\n`);
    send('retry: 2000\n\n');
    nudge();
    const heartbeat = setInterval(() => send(': keep-alive\n\n'), deps.heartbeatMs ?? 20_000);
    const unsubscribe = deps.hub.subscribe(session.merchant.id, session.store.id, {
      nudge,
      // The server is stopping: the client reconnects (through the proxy, to another node) and pulls.
      close: () => {
        send('event: reconnect\ndata: {}\n\n');
        res.end();
      },
    });
    req.socket.setTimeout(0);
    res.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  });
}
