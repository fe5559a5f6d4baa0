import { createHash, createHmac } from 'node:crypto';

/**
 * The receiving side of Alibaba Cloud signature V3, written from the published rules, as the
 * gateway would check a request it received: it rebuilds the canonical request from the wire.
 */

const UNRESERVED = /[A-Za-z0-9\-_.~]/;

/** RFC 3986 encoding done byte by byte, uppercase hex. */
export function rfc3986(text: string): string {
  let out = '';
  for (const ch of text) {
    if (UNRESERVED.test(ch)) {
      out += ch;
      continue;
    }
    for (const byte of Buffer.from(ch, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Query pairs as sent (`a=b&c=d`, percent-decoded), re-encoded and sorted by name. */
export function canonicalQueryFromWire(rawQuery: string): string {
  if (rawQuery === '') return '';
  const pairs = rawQuery.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    const name = decodeURIComponent(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? '' : decodeURIComponent(pair.slice(eq + 1));
    return [rfc3986(name), rfc3986(value)] as const;
  });
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return pairs.map(([n, v]) => `${n}=${v}`).join('&');
}

export interface Acs3Check {
  readonly method: string;
  readonly path: string;
  readonly rawQuery: string;
  /** Lowercase header name → value, as received. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly secret: string;
}

export function expectedAcs3Signature(check: Acs3Check, signedHeaderNames: readonly string[]): { hashedCanonicalRequest: string; signature: string } {
  let canonicalHeaders = '';
  for (const name of signedHeaderNames) canonicalHeaders += `${name}:${(check.headers[name] ?? '').trim()}\n`;
  const bodyHash = createHash('sha256').update(Buffer.from(check.body, 'utf8')).digest('hex');
  const canonicalRequest = `${check.method}\n${check.path}\n${canonicalQueryFromWire(check.rawQuery)}\n${canonicalHeaders}\n${signedHeaderNames.join(';')}\n${bodyHash}`;
  const hashedCanonicalRequest = createHash('sha256').update(canonicalRequest).digest('hex');
  const signature = createHmac('sha256', Buffer.from(check.secret, 'utf8')).update(`ACS3-HMAC-SHA256\n${hashedCanonicalRequest}`).digest('hex');
  return { hashedCanonicalRequest, signature };
}

/** `ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=…` → its three fields. */
export function parseAcs3Authorization(value: string): { credential: string; signedHeaders: string[]; signature: string } | null {
  const match = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/.exec(value);
  if (!match) return null;
  return { credential: match[1] ?? '', signedHeaders: (match[2] ?? '').split(';'), signature: match[3] ?? '' };
}
