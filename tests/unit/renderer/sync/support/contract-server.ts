import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RedemptionRecord } from '../../../../../core/redemption-api';
import { PushRequest, VoucherRedeemV1, type Change, type EntryResult, type VoucherRow } from '../../../../../core/sync';

/**
 * The sync wire contract (core/sync) served from memory on 127.0.0.1, for the protocol corners
 * the real server does not produce on demand: a gap, a 413, a 503 half-way through a batch, a
 * dropped answer, a cursor that is too old. Vouchers are its only business rows.
 */
export interface ContractServer {
  url: string;
  token: string;
  deviceId: string;
  lastSeq: number;
  readonly results: Map<number, EntryResult>;
  /** Faults for the next requests: each is used once. */
  faults: { unavailableAfter?: number; tooLargeAbove?: number; dropPushAnswer?: boolean; forgetFrom?: number; resetNextPull?: boolean };
  readonly pushBatchSizes: number[];
  readonly pullCursors: (string | null)[];
  upsert(change: Change): void;
  voucher(id: string): VoucherRow | undefined;
  sseClients(): number;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function bodyOf(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return null;
  }
}

export async function startContractServer(options: { deviceId?: string; token?: string; storeId: string }): Promise<ContractServer> {
  const log: Change[] = [];
  const state = new Map<string, Change>();
  const records = new Map<string, RedemptionRecord>();
  const streams = new Set<ServerResponse>();
  const token = options.token ?? 'contract-token-0123456789abcdef';
  const self: ContractServer = {
    url: '',
    token,
    deviceId: options.deviceId ?? 'terminal-1',
    lastSeq: 0,
    results: new Map(),
    faults: {},
    pushBatchSizes: [],
    pullCursors: [],
    upsert(change) {
      log.push(change);
      state.set(`${change.kind}:${change.id}`, change);
      for (const stream of streams) stream.write('event: nudge\ndata: {}\n\n');
    },
    voucher: (id) => state.get(`voucher:${id}`)?.data as VoucherRow | undefined,
    sseClients: () => streams.size,
    close: () => new Promise((done) => (server.closeAllConnections(), server.close(() => done()))),
  };

  function apply(entry: PushRequest['entries'][number], now: string): EntryResult {
    const base = { seq: entry.seq, clientId: entry.clientId, serverTime: now };
    const redeem = VoucherRedeemV1.safeParse(entry.args);
    if (entry.intent !== 'voucher.redeem@1' || !redeem.success) return { ...base, status: 'applied', result: { ok: true }, error: null };
    const args = redeem.data;
    const voucher = [...state.values()].find((c) => c.kind === 'voucher' && (c.data as VoucherRow).code === args.code)?.data as VoucherRow | undefined;
    if (!voucher) return { ...base, status: 'rejected', result: null, error: { code: 'VOUCHER_NOT_FOUND', message: 'no such voucher' } };
    const spent = voucher.redeemed + args.count > voucher.uses;
    const record: RedemptionRecord = {
      redemptionId: args.redemptionId, voucherId: voucher.voucherId, codeMasked: '**** **** ' + voucher.code.slice(-4), campaignTitle: 'T',
      count: args.count, remaining: Math.max(0, voucher.uses - voucher.redeemed - (spent ? 0 : args.count)), storeId: options.storeId,
      terminalId: self.deviceId, cashierId: null, deviceTime: entry.deviceTime, serverTime: now, mode: 'offline', outcome: spent ? 'conflict' : 'accepted',
    };
    records.set(args.redemptionId, record);
    if (!spent) self.upsert({ kind: 'voucher', id: voucher.voucherId, op: 'upsert', data: { ...voucher, redeemed: voucher.redeemed + args.count, version: voucher.version + 1 } });
    return { ...base, status: spent ? 'conflict' : 'applied', result: record, error: null };
  }

  async function push(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parsed = PushRequest.safeParse(await bodyOf(req));
    if (!parsed.success) return send(res, 400, { error: { code: 'VALIDATION_FAILED', message: parsed.error.message } });
    if (parsed.data.deviceId !== self.deviceId) return send(res, 403, { error: { code: 'FORBIDDEN', message: 'not your device' } });
    const { entries } = parsed.data;
    self.pushBatchSizes.push(entries.length);
    if (self.faults.tooLargeAbove !== undefined && entries.length > self.faults.tooLargeAbove) {
      return send(res, 413, { error: { code: 'PAYLOAD_TOO_LARGE', message: 'too many entries' } });
    }
    if (self.faults.forgetFrom !== undefined) {
      for (const seq of [...self.results.keys()]) if (seq >= self.faults.forgetFrom) self.results.delete(seq);
      self.lastSeq = self.faults.forgetFrom - 1;
      delete self.faults.forgetFrom;
    }
    const results: EntryResult[] = [];
    let gap: { expectedSeq: number } | null = null;
    const now = new Date().toISOString();
    for (const entry of entries) {
      if (self.faults.unavailableAfter !== undefined && results.length >= self.faults.unavailableAfter) {
        delete self.faults.unavailableAfter;
        return send(res, 503, { error: { code: 'UNAVAILABLE', message: 'database went away' }, lastSeq: self.lastSeq });
      }
      const stored = self.results.get(entry.seq);
      if (stored && entry.seq <= self.lastSeq) {
        results.push({ ...stored, status: stored.clientId === entry.clientId ? 'duplicate' : stored.status });
        continue;
      }
      if (entry.seq !== self.lastSeq + 1) {
        gap = { expectedSeq: self.lastSeq + 1 };
        break;
      }
      const result = apply(entry, now);
      self.results.set(entry.seq, result);
      self.lastSeq = entry.seq;
      results.push(result);
    }
    if (self.faults.dropPushAnswer) {
      delete self.faults.dropPushAnswer;
      req.socket.destroy();
      return;
    }
    send(res, 200, { results, lastSeq: self.lastSeq, gap });
  }

  function pull(url: URL, res: ServerResponse): void {
    const cursor = url.searchParams.get('cursor');
    const limit = Number(url.searchParams.get('limit') ?? 1000);
    self.pullCursors.push(cursor);
    const tail = /^c:(\d+)$/.exec(cursor ?? '');
    const snap = /^s:(\d+):(\d+)$/.exec(cursor ?? '');
    const reset = self.faults.resetNextPull === true || (cursor !== null && !tail && !snap);
    delete self.faults.resetNextPull;
    if (tail && !reset) {
      const from = Number(tail[1]);
      const changes = log.slice(from, from + limit);
      const next = from + changes.length;
      return send(res, 200, { changes, cursor: `c:${next}`, hasMore: next < log.length, reset: false, snapshot: false, progress: null });
    }
    // A snapshot: the current rows, paged; it ends at the log position it was taken at.
    const rows = [...state.values()].filter((c) => c.op === 'upsert');
    const offset = snap && !reset ? Number(snap[1]) : 0;
    const at = snap && !reset ? Number(snap[2]) : log.length;
    const page = rows.slice(offset, offset + limit);
    const done = offset + page.length;
    const hasMore = done < rows.length;
    send(res, 200, {
      changes: page, cursor: hasMore ? `s:${done}:${at}` : `c:${at}`, hasMore: hasMore || at < log.length, reset,
      snapshot: true, progress: { done, total: rows.length },
    });
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.headers.authorization !== `Bearer ${token}`) return send(res, 401, { error: { code: 'UNAUTHORIZED', message: 'token' } });
    if (req.method === 'POST' && url.pathname === '/api/v1/sync/push') return void push(req, res);
    if (req.method === 'GET' && url.pathname === '/api/v1/sync/pull') return pull(url, res);
    if (req.method === 'GET' && url.pathname === '/api/v1/sync/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write(': hello\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    const status = /^\/api\/v1\/redemptions\/([^/]+)$/.exec(url.pathname);
    const record = status ? records.get(decodeURIComponent(status[1]!)) : undefined;
    if (record) return send(res, 200, record);
    send(res, 404, { error: { code: status ? 'REDEMPTION_NOT_FOUND' : 'NOT_FOUND', message: 'not found' } });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  self.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return self;
}
