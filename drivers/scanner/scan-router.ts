import type { Scan } from '../../core/hardware/devices';

/** Where a scan goes: voucher code or QR → redemption, EAN/UPC → catalog, member QR/phone → member. */
export type ScanRoute = 'redemption' | 'catalog' | 'member' | 'rejected';

export function routeOf(scan: Scan): ScanRoute {
  switch (scan.kind.kind) {
    case 'voucherCode':
    case 'voucherQr':
      return 'redemption';
    case 'product':
      return 'catalog';
    case 'memberQr':
    case 'memberPhone':
      return 'member';
    default:
      return 'rejected';
  }
}

/** Screens register for the scans they handle and get an unsubscribe function back. */
export class ScanRouter {
  private readonly handlers = new Map<ScanRoute, Set<(scan: Scan) => void>>();

  on(route: ScanRoute, handler: (scan: Scan) => void): () => void {
    const set = this.handlers.get(route) ?? new Set();
    set.add(handler);
    this.handlers.set(route, set);
    return () => set.delete(handler);
  }

  /** Delivers a scan to its route's handlers; false when no one listens there. */
  route(scan: Scan): boolean {
    const set = this.handlers.get(routeOf(scan));
    if (!set || set.size === 0) return false;
    for (const handler of set) handler(scan);
    return true;
  }
}
