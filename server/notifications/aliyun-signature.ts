import { createHash, createHmac } from 'node:crypto';

/**
 * Alibaba Cloud signature V3 (ACS3-HMAC-SHA256): a canonical request of method, path, sorted
 * RFC 3986 query, the signed headers (host, content-type, every x-acs-*) and the body hash.
 */

export const ACS3_ALGORITHM = 'ACS3-HMAC-SHA256';

/** RFC 3986 percent-encoding of UTF-8: only A–Z a–z 0–9 - _ . ~ stay as they are. */
export function acs3Encode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function acs3CanonicalQuery(query: Readonly<Record<string, string>>): string {
  return Object.keys(query)
    .sort()
    .map((name) => `${acs3Encode(name)}=${acs3Encode(query[name] ?? '')}`)
    .join('&');
}

export function sha256Hex(data: string): string {
  return createHash('sha256').update(data, 'utf8').digest('hex');
}

export interface Acs3Input {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Every header to sign, including `host`; names in any case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
}

export function acs3CanonicalRequest(input: Omit<Acs3Input, 'accessKeyId' | 'accessKeySecret'>): {
  canonicalRequest: string;
  signedHeaders: string;
} {
  const headers = new Map(Object.entries(input.headers).map(([name, value]) => [name.toLowerCase(), value.trim()]));
  const names = [...headers.keys()].sort();
  const canonicalHeaders = names.map((name) => `${name}:${headers.get(name) ?? ''}\n`).join('');
  const signedHeaders = names.join(';');
  const canonicalRequest = [
    input.method.toUpperCase(),
    input.path,
    acs3CanonicalQuery(input.query),
    canonicalHeaders,
    signedHeaders,
    sha256Hex(input.body),
  ].join('\n');
  return { canonicalRequest, signedHeaders };
}

/** The `Authorization` header value for a request. */
export function acs3Authorization(input: Acs3Input): string {
  const { canonicalRequest, signedHeaders } = acs3CanonicalRequest(input);
  const stringToSign = `${ACS3_ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
  const signature = createHmac('sha256', input.accessKeySecret).update(stringToSign, 'utf8').digest('hex');
  return `${ACS3_ALGORITHM} Credential=${input.accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`;
}
