import type { ScanKind } from '../../core/hardware/scan-kind';

export type ScanSource = 'serial' | 'keyboard' | 'camera';

/** A scanned value and what it is, classified once where it was read. */
export interface ClassifiedScan {
  value: string;
  kind: ScanKind;
}

/** A scan as the POS routes it, whatever it came from. */
export interface RoutedScan extends ClassifiedScan {
  source: ScanSource;
}

/** Voucher code or voucher QR → redemption, EAN/UPC → catalog, member QR or phone → member. */
export type ScanRoute = 'redemption' | 'catalog' | 'member' | 'rejected';

export function routeOf(kind: ScanKind): ScanRoute {
  switch (kind.kind) {
    case 'voucherCode':
    case 'voucherQr':
      return 'redemption';
    case 'product':
      return 'catalog';
    case 'memberQr':
    case 'memberPhone':
      return 'member';
    case 'rejected':
      return 'rejected';
  }
}

type Handler = (scan: RoutedScan) => void;

/**
 * Screens register for the scans they handle and get an unsubscribe back. The handler registered
 * last wins, so a screen that opens (a sale, a member form) takes over a route until it closes.
 */
export class ScanRoutes {
  private readonly handlers = new Map<ScanRoute, Handler[]>();

  on(route: ScanRoute, handler: Handler): () => void {
    const stack = this.handlers.get(route) ?? [];
    stack.push(handler);
    this.handlers.set(route, stack);
    return () => {
      const at = stack.lastIndexOf(handler);
      if (at >= 0) stack.splice(at, 1);
    };
  }

  /** False when nothing handles the scan's route. */
  dispatch(scan: RoutedScan): boolean {
    const handler = this.handlers.get(routeOf(scan.kind))?.at(-1);
    if (!handler) return false;
    handler(scan);
    return true;
  }
}
