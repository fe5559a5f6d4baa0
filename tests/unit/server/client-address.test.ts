import { describe, expect, it } from 'vitest';
import { clientAddress, parseTrustedProxies, TRUST_NO_PROXY, type TrustedProxies } from '../../../server/http/client-address';

const trusted = (text: string) => parseTrustedProxies(text) as TrustedProxies;

describe('client address behind trusted proxies', () => {
  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', () => {
    expect(clientAddress('203.0.113.5', '198.51.100.1', TRUST_NO_PROXY)).toBe('203.0.113.5');
    expect(clientAddress('203.0.113.5', '198.51.100.1', trusted('10.0.0.0/8'))).toBe('203.0.113.5');
  });

  it('walks X-Forwarded-For from the nearest hop while the hops are trusted proxies', () => {
    const proxies = trusted('10.0.0.0/8, 192.0.2.7');
    // A client-written first entry is not believed: the first untrusted hop from the right is the client.
    expect(clientAddress('::ffff:10.1.2.3', '6.6.6.6, 198.51.100.9, 192.0.2.7', proxies)).toBe('198.51.100.9');
    expect(clientAddress('10.1.2.3', ['198.51.100.9', '10.4.4.4'], proxies)).toBe('198.51.100.9');
    expect(clientAddress('10.1.2.3', undefined, proxies)).toBe('10.1.2.3');
    // A garbled hop ends the walk at the last good address.
    expect(clientAddress('10.1.2.3', 'not-an-ip', proxies)).toBe('10.1.2.3');
  });

  it('takes IPv6 blocks, and names a bad entry', () => {
    expect(clientAddress('2001:db8::1', '2001:db8:ffff::9', trusted('2001:db8::/48'))).toBe('2001:db8:ffff::9');
    expect(parseTrustedProxies('10.0.0.0/33')).toMatch(/10\.0\.0\.0\/33/);
    expect(parseTrustedProxies('proxy.local')).toMatch(/proxy\.local/);
    expect(parseTrustedProxies(' ')).toBe(TRUST_NO_PROXY);
  });
});
