import { describe, expect, it } from 'vitest';
import { pairingQrText, parsePairingQr } from '../../../core/pairing-qr';

describe('pairing QR text', () => {
  it('carries the server and the code there and back, whatever characters they hold', () => {
    for (const [server, code] of [
      ['http://192.168.1.10:8787', 'ABCD-2345'],
      ['https://hq.example.cn/base path?x=1&y=2', 'WXYZ-9876'],
    ] as const) {
      expect(parsePairingQr(`  ${pairingQrText(server, code)}\n`)).toEqual({ serverUrl: server, code });
    }
  });

  it('is not fooled by other scans or broken payloads', () => {
    for (const text of [
      'ABCD-2345',
      '123456789012',
      'HX1.abcdefgh.sig',
      'hexiao-pair:2?server=http%3A%2F%2Fa&code=ABCD-2345',
      'hexiao-pair:1?server=ftp%3A%2F%2Fa&code=ABCD-2345',
      'hexiao-pair:1?server=http%3A%2F%2Fa',
      'hexiao-pair:1?server=%E0%A4%A&code=ABCD-2345',
      `hexiao-pair:1?server=http%3A%2F%2Fa&code=${'A'.repeat(33)}`,
    ]) {
      expect(parsePairingQr(text), text).toBeNull();
    }
  });
});
