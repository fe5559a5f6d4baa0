import { maskPhone } from '../../core/mask';
import { useScanStore } from './scan-store';

/**
 * What product and member scans do until their screens exist: they show in a notice. Returns the
 * unsubscribe; a catalog or member screen registers its own handler on top, and the redeem
 * feature registers the voucher route (renderer/redeem/redeem-scans.ts).
 */
export function registerDefaultScanHandlers(): () => void {
  const scans = useScanStore();
  const offs = [
    scans.on('catalog', (scan) => {
      if (scan.kind.kind === 'product') scans.notify('product', { gtin: scan.kind.gtin });
    }),
    scans.on('member', (scan) => {
      if (scan.kind.kind === 'memberPhone') scans.notify('member', { phone: maskPhone(scan.kind.phone) });
      else scans.notify('memberQr');
    }),
    scans.on('rejected', (scan) => scans.notify('rejected', { length: scan.value.length }, 'warn')),
  ];
  return () => {
    for (const off of offs) off();
  };
}
