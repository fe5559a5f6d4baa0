import { BlockList, isIP } from 'node:net';

/** Whether a hop's address is one of the operator's proxies, whose X-Forwarded-For is believed. */
export type TrustedProxies = (address: string) => boolean;

export const TRUST_NO_PROXY: TrustedProxies = () => false;

/**
 * `HEXIAO_TRUSTED_PROXIES`: a comma list of addresses and CIDR blocks (IPv4 or IPv6). Without it
 * no proxy is trusted and X-Forwarded-For is ignored (a client could write any address there).
 * Returns an error message naming the bad entry instead of a matcher.
 */
export function parseTrustedProxies(text: string | undefined): TrustedProxies | string {
  const entries = (text ?? '').split(',').map((e) => e.trim()).filter((e) => e !== '');
  if (entries.length === 0) return TRUST_NO_PROXY;
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', bits, ...rest] = entry.split('/');
    const family = isIP(address);
    if (family === 0 || rest.length > 0) return `"${entry}" is not an address or CIDR block`;
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) {
      list.addAddress(address, type);
      continue;
    }
    const prefix = /^\d{1,3}$/.test(bits) ? Number(bits) : -1;
    if (prefix < 0 || prefix > (family === 4 ? 32 : 128)) return `"${entry}" has a bad prefix length`;
    list.addSubnet(address, prefix, type);
  }
  return (address) => {
    const plain = plainAddress(address);
    const family = isIP(plain);
    return family !== 0 && list.check(plain, family === 4 ? 'ipv4' : 'ipv6');
  };
}

/** `::ffff:10.0.0.1` (an IPv4 client on a dual-stack socket) is 10.0.0.1. */
export function plainAddress(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

/**
 * The client's address: the socket's peer, unless that peer is a trusted proxy; then the
 * X-Forwarded-For hops are walked from the right (the nearest) while they are trusted too, and the
 * first untrusted one is the client (what Express's `trust proxy` does with the same matcher).
 */
export function clientAddress(remote: string | undefined, forwardedFor: string | string[] | undefined, trusted: TrustedProxies): string {
  let address = plainAddress(remote ?? '');
  if (!address) return 'unknown';
  if (!trusted(address) || forwardedFor === undefined) return address;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor).split(',').map((h) => h.trim());
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = plainAddress(hops[i] ?? '');
    if (isIP(hop) === 0) return address;
    address = hop;
    if (!trusted(hop)) return hop;
  }
  return address;
}
