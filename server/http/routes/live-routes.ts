import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import { ok } from '../../../core/result';
import type { LiveEvent, LiveHub } from '../../live/live-hub';
import { mintLiveTicket, takeLiveTicket } from '../../live/live-tickets';
import type { MerchantSession } from '../../repositories/backoffice/merchant-session';
import type { BackofficeDeps } from '../../use-cases/backoffice/deps';
import { merchantSessionOf, merchantTokenOf, requireMerchantUser } from '../merchant-auth';
import { MERCHANT_ROLES } from '../merchant-roles';
import { sendError, sendOutcome } from '../send';

export const TicketQuery = z.object({ ticket: z.string().max(100) });

/**
 * The live flash-sale panel: `POST /merchant/live/ticket` (signed in as usual), then
 * `GET /merchant/live/events?ticket=…` as an EventSource: a `snapshot` on every (re)connect — so a
 * reconnecting client misses nothing, whatever its Last-Event-ID — then events as figures change,
 * and a `heartbeat` every `heartbeatMs`.
 */
export function liveRoutes(router: Router, deps: BackofficeDeps, hub: LiveHub, heartbeatMs = 15_000): void {
  const read = requireMerchantUser(deps, MERCHANT_ROLES.read);
  router.post('/merchant/live/ticket', read, async (_req, res) => {
    const session = merchantSessionOf(res);
    sendOutcome(res, ok(await mintLiveTicket(deps.db, session.merchant.id, merchantTokenOf(res), deps.now())));
  });
  router.get('/merchant/live/events', async (req, res) => {
    const query = TicketQuery.safeParse(req.query);
    const session = query.success ? await takeLiveTicket(deps.db, query.data.ticket, deps.now()) : undefined;
    if (!session) return sendError(res, 'LIVE_TICKET_INVALID', 'this live ticket is unknown, used or expired: mint a new one');
    if (!(MERCHANT_ROLES.read as readonly string[]).includes(session.user.role)) return sendError(res, 'FORBIDDEN', 'the live panel needs a read role');
    await stream(req, res, hub, session, heartbeatMs);
  });
}

async function stream(req: Request, res: Response, hub: LiveHub, session: MerchantSession, heartbeatMs: number): Promise<void> {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.flushHeaders();
  req.socket.setTimeout(0);
  req.socket.setNoDelay(true);
  let id = 0;
  const write = (text: string) => {
    if (!res.writableEnded) res.write(text);
  };
  write('retry: 2000\n\n');
  const send = (events: readonly LiveEvent[]) => write(events.map((e) => `id: ${++id}\nevent: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`).join(''));
  const heartbeat = setInterval(() => send([{ event: 'heartbeat', data: { at: new Date().toISOString() } }]), heartbeatMs);
  let unsubscribe: (() => void) | undefined;
  let closed = false;
  res.on('close', () => {
    closed = true;
    clearInterval(heartbeat);
    unsubscribe?.();
  });
  try {
    const off = await hub.subscribe(session.merchant.id, session.merchant.timeZone, {
      send,
      // The server is stopping: the panel reconnects (through the proxy, to another node) and gets a snapshot.
      close: () => {
        write('event: reconnect\ndata: {}\n\n');
        res.end();
      },
    });
    if (closed) off();
    else unsubscribe = off;
  } catch {
    clearInterval(heartbeat);
    res.end();
  }
}
