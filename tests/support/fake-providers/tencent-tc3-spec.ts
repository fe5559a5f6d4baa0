import { createHash, createHmac } from 'node:crypto';

/**
 * The receiving side of Tencent Cloud API signature v3 (TC3-HMAC-SHA256), written from the
 * published steps: canonical request → string to sign → derived key chain → hex signature.
 */

function hex(hash: Buffer): string {
  return hash.toString('hex');
}

export interface Tc3Check {
  readonly secretKey: string;
  readonly service: string;
  readonly timestamp: number;
  /** Lowercase header name → value, as received. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export function expectedTc3Signature(check: Tc3Check, signedHeaderNames: readonly string[]): {
  hashedCanonicalRequest: string;
  stringToSign: string;
  signature: string;
} {
  const lines = signedHeaderNames.map((name) => `${name}:${(check.headers[name] ?? '').trim().toLowerCase()}\n`);
  const payloadHash = hex(createHash('sha256').update(check.body, 'utf8').digest());
  const canonicalRequest = ['POST', '/', '', lines.join(''), signedHeaderNames.join(';'), payloadHash].join('\n');
  const hashedCanonicalRequest = hex(createHash('sha256').update(canonicalRequest, 'utf8').digest());
  const date = new Date(check.timestamp * 1000).toISOString().slice(0, 10);
  const stringToSign = `TC3-HMAC-SHA256\n${check.timestamp}\n${date}/${check.service}/tc3_request\n${hashedCanonicalRequest}`;
  let key: Buffer = createHmac('sha256', `TC3${check.secretKey}`).update(date).digest();
  key = createHmac('sha256', key).update(check.service).digest();
  key = createHmac('sha256', key).update('tc3_request').digest();
  const signature = hex(createHmac('sha256', key).update(stringToSign, 'utf8').digest());
  return { hashedCanonicalRequest, stringToSign, signature };
}

/** `TC3-HMAC-SHA256 Credential=id/date/service/tc3_request, SignedHeaders=a;b, Signature=hex`. */
export function parseTc3Authorization(value: string): {
  secretId: string;
  date: string;
  service: string;
  signedHeaders: string[];
  signature: string;
} | null {
  const match = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([a-z]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(value);
  if (!match) return null;
  const [, secretId = '', date = '', service = '', signed = '', signature = ''] = match;
  return { secretId, date, service, signedHeaders: signed.split(';'), signature };
}
