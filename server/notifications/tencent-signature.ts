import { createHash, createHmac } from 'node:crypto';

/**
 * Tencent Cloud API 3.0 signature (TC3-HMAC-SHA256): a canonical request signed with a key
 * derived from the secret, the UTC date of the timestamp and the service name.
 */

export const TC3_ALGORITHM = 'TC3-HMAC-SHA256';

function sha256Hex(data: string): string {
  return createHash('sha256').update(data, 'utf8').digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

export interface Tc3Input {
  readonly secretId: string;
  readonly secretKey: string;
  /** Product name as in the host: `sms` for sms.tencentcloudapi.com. */
  readonly service: string;
  /** Unix seconds, sent as X-TC-Timestamp. */
  readonly timestamp: number;
  /** The headers to sign (at least content-type and host); names and values are lowercased. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export function tc3Authorization(input: Tc3Input): string {
  const headers = new Map(Object.entries(input.headers).map(([n, v]) => [n.toLowerCase(), v.trim().toLowerCase()]));
  const names = [...headers.keys()].sort();
  const signedHeaders = names.join(';');
  const canonicalHeaders = names.map((name) => `${name}:${headers.get(name) ?? ''}\n`).join('');
  const canonicalRequest = ['POST', '/', '', canonicalHeaders, signedHeaders, sha256Hex(input.body)].join('\n');
  const date = new Date(input.timestamp * 1000).toISOString().slice(0, 10);
  const scope = `${date}/${input.service}/tc3_request`;
  const stringToSign = [TC3_ALGORITHM, String(input.timestamp), scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(`TC3${input.secretKey}`, date), input.service), 'tc3_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
  return `${TC3_ALGORITHM} Credential=${input.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}
