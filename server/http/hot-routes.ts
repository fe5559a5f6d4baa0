import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { UseCaseDeps } from '../use-cases/deps';
import type { SalesDeps } from '../use-cases/sales/sales-deps';
import { failureAnswer, type HttpAnswer } from './answer';
import { refusalAnswer, terminalOf } from './auth';
import { clientAddress, TRUST_NO_PROXY, type TrustedProxies } from './client-address';
import { corsHeaders } from './cors';
import { API_SECURITY_HEADERS } from './security-headers';
import { rateLimitAnswer, takeByAddress, type PublicLimits } from './public-rate-limits';
import { takeByBuyer } from './routes/public-rate-limit-routes';
import { unexpectedFailure } from './error-handler';
import { channelEventAnswer } from './routes/channel-event-routes';
import { flashSaleOrderAnswer } from './routes/flash-sale-routes';
import { redeemAnswer } from './routes/voucher-routes';

export interface HotRouteDeps {
  sales: SalesDeps;
  /** The same instance Express's routes use (token cache, rate limits); without it, redeems go to Express. */
  vouchers?: UseCaseDeps;
  logger: Logger;
  /** As given to createApp (`*` by default). */
  corsOrigin: string;
  /** As given to createApp: whose X-Forwarded-For is believed (default: nobody's). */
  trustedProxies?: TrustedProxies | undefined;
  /** The public routes' rate limits, shared with Express; without them the hot routes do not limit. */
  limits?: PublicLimits | undefined;
}

/** Express's body limits on these routes (`32kb` JSON, `64kb` raw): a larger body goes through Express. */
const JSON_LIMIT = 32 * 1024;
const RAW_LIMIT = 64 * 1024;

const FLASH_SALE_ORDERS = /^\/api\/v1\/flash-sales\/([A-Za-z0-9._~-]{1,200})\/orders$/;
const VOUCHER_REDEEM = '/api/v1/vouchers/redeem';
const CHANNEL_EVENTS = /^\/api\/v1\/channels\/([a-z][a-z0-9_-]{1,31})\/events$/;
const JSON_TYPE = /^application\/json\s*(;\s*charset\s*=\s*("?)utf-8\2\s*)?$/i;
const ANY_TYPE_IN_UTF8 = /^[\w.+-]+\/[\w.+-]+\s*(;\s*charset\s*=\s*("?)utf-8\2\s*)?$/i;

/**
 * The two requests of a flash sale — a buyer's reservation and the channel's signed payment — and
 * a terminal's voucher redeem, served on plain node:http, in front of Express: Express and its body
 * parsers cost more per request than the rest of the answer. Only the plain shape of each request
 * is taken here (exact path, a Content-Length within Express's limit, no Content-Encoding, UTF-8);
 * anything else goes to Express, whose routes answer it as before. Both layers build the same
 * answer (flashSaleOrderAnswer, channelEventAnswer, terminalOf + redeemAnswer), so codes, statuses
 * and bodies are the same.
 */
export function withHotRoutes(app: RequestListener, deps: HotRouteDeps): RequestListener {
  const cors = corsHeaders(deps.corsOrigin);
  return (req, res) => {
    const route = hotRoute(req, deps.vouchers !== undefined);
    if (!route) {
      app(req, res);
      return;
    }
    readBody(req, (body) => {
      answer(route, body)
        .catch((error: unknown) => unexpectedFailure(deps.logger, error, 'POST', req.url ?? ''))
        .then((reply) => write(res, reply, () => cors(req.headers.origin, res)), () => res.destroy());
    });
  };

  async function answer(route: HotRoute, body: string): Promise<HttpAnswer> {
    const client = clientAddress(route.req.socket.remoteAddress, route.req.headers['x-forwarded-for'], deps.trustedProxies ?? TRUST_NO_PROXY);
    const limits = deps.limits;
    if (limits && route.kind !== 'voucher-redeem') {
      const wait = await takeByAddress(limits, route.kind === 'channel-event' ? 'channelEvent' : 'flashSaleOrder', client);
      if (wait > 0) return rateLimitAnswer(wait);
    }
    if (route.kind === 'channel-event') {
      return channelEventAnswer(deps.sales, route.param, (name) => singleHeader(route.req, name), body);
    }
    if (route.kind === 'voucher-redeem') {
      const vouchers = deps.vouchers!;
      // As in Express: the token is checked before the body is parsed.
      const check = await terminalOf(vouchers.authenticator, route.req.headers.authorization);
      if (!check.ok) return refusalAnswer(check.refusal);
      const session = check.session;
      const json = parseStrictJson(body);
      return json ? redeemAnswer(vouchers, session, json.value, client) : MALFORMED_JSON;
    }
    const json = parseStrictJson(body);
    if (!json) return MALFORMED_JSON;
    const wait = limits ? await takeByBuyer(limits, json.value) : 0;
    return wait > 0 ? rateLimitAnswer(wait) : flashSaleOrderAnswer(deps.sales, route.param, json.value);
  }
}

const MALFORMED_JSON = failureAnswer({ code: 'MALFORMED_JSON', message: 'the request body is not valid JSON' });

interface HotRoute {
  kind: 'flash-sale-order' | 'channel-event' | 'voucher-redeem';
  param: string;
  req: IncomingMessage;
}

function hotRoute(req: IncomingMessage, redeems: boolean): HotRoute | undefined {
  if (req.method !== 'POST' || !req.url) return undefined;
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return undefined;
  const length = req.headers['content-length'];
  if (length === undefined || !/^\d{1,6}$/.test(length) || req.headers['transfer-encoding'] !== undefined) return undefined;
  const type = req.headers['content-type'];
  if (redeems && req.url === VOUCHER_REDEEM && Number(length) <= JSON_LIMIT && type !== undefined && JSON_TYPE.test(type)) {
    return { kind: 'voucher-redeem', param: '', req };
  }
  const flash = FLASH_SALE_ORDERS.exec(req.url);
  if (flash && Number(length) <= JSON_LIMIT && type !== undefined && JSON_TYPE.test(type)) {
    return { kind: 'flash-sale-order', param: flash[1]!, req };
  }
  const channel = CHANNEL_EVENTS.exec(req.url);
  if (channel && Number(length) <= RAW_LIMIT && (type === undefined || ANY_TYPE_IN_UTF8.test(type))) {
    return { kind: 'channel-event', param: channel[1]!, req };
  }
  return undefined;
}

/** The body as UTF-8 text without a byte-order mark, as Express's body parsers decode it. */
function readBody(req: IncomingMessage, done: (body: string) => void): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const text = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString('utf8');
    done(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  });
  // A request cut short has no one left to answer; the socket is closed by node.
  req.on('error', () => undefined);
}

/** express.json's strict parse: an empty body is `{}`, anything but an object or array is malformed. */
function parseStrictJson(text: string): { value: unknown } | undefined {
  if (text.length === 0) return { value: {} };
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return undefined;
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

function singleHeader(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** What Express's `res.status(s).json(body)` writes. */
function write(res: ServerResponse, answer: HttpAnswer, setCors: () => void): void {
  const json = JSON.stringify(answer.body);
  setCors();
  for (const [name, value] of Object.entries(API_SECURITY_HEADERS)) res.setHeader(name, value);
  for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
  res.writeHead(answer.status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(json) });
  res.end(json);
}
