/**
 * The text of the QR code the back office shows beside a pairing code: the server to pair with and
 * the code, so a till pairs by scanning it (scanner or camera) instead of typing both.
 * `hexiao-pair:1?server=<origin>&code=<code>`.
 */
const PREFIX = 'hexiao-pair:1?';

export interface PairingQr {
  serverUrl: string;
  code: string;
}

export function pairingQrText(serverUrl: string, code: string): string {
  return `${PREFIX}server=${encodeURIComponent(serverUrl)}&code=${encodeURIComponent(code)}`;
}

/** `a=1&b=2` → its values (core has no URLSearchParams); undefined when an escape is broken. */
function queryValues(query: string): Map<string, string> | undefined {
  const values = new Map<string, string>();
  try {
    for (const pair of query.split('&')) {
      const at = pair.indexOf('=');
      if (at > 0) values.set(decodeURIComponent(pair.slice(0, at)), decodeURIComponent(pair.slice(at + 1).replace(/\+/g, ' ')));
    }
  } catch {
    return undefined;
  }
  return values;
}

/** The server and code in a scanned pairing QR, or null when the text is not one. */
export function parsePairingQr(text: string): PairingQr | null {
  const value = text.trim();
  if (!value.toLowerCase().startsWith(PREFIX)) return null;
  const params = queryValues(value.slice(PREFIX.length));
  const serverUrl = params?.get('server') ?? '';
  const code = (params?.get('code') ?? '').trim();
  if (!/^https?:\/\/[^\s/?#]+/i.test(serverUrl) || code.length === 0 || code.length > 32) return null;
  return { serverUrl, code };
}
