import { maskPhone } from '../../core/mask';
import type { ScanKind } from '../../core/hardware/scan-kind';
import { decodeVoucherQr } from '../../core/voucher-qr';
import { formatVoucherCode } from '../../core/voucher-code';
import { useRedeemStore } from '../stores/redeem';
import type { RoutedScan } from './scan-routes';
import { useScanStore } from './scan-store';
import { useSettingsScreenStore } from './settings-screen';

/**
 * The code inside a voucher scan. A QR token is read without checking its signature: the server
 * looks the code up as if it were typed, and that answer is the one the cashier acts on.
 */
export function voucherCodeOf(kind: ScanKind): string | null {
  if (kind.kind === 'voucherCode') return kind.code;
  if (kind.kind !== 'voucherQr') return null;
  const decoded = decodeVoucherQr(kind.token);
  return decoded.ok ? decoded.value.claims.code : null;
}

/**
 * What scans do until their screens exist: a voucher fills the code field and opens its preview
 * (the cashier still confirms), a product code and a member show in a notice. Returns the
 * unsubscribe; a catalog or member screen registers its own handler on top.
 */
export function registerDefaultScanHandlers(): () => void {
  const scans = useScanStore();
  const redeem = useRedeemStore();
  const settings = useSettingsScreenStore();

  async function redeemScanned(scan: RoutedScan): Promise<void> {
    const code = voucherCodeOf(scan.kind);
    if (!code) return scans.notify('qrInvalid', {}, 'warn');
    if (redeem.busy) return scans.notify('busy', {}, 'warn');
    settings.close();
    // The redeem store reads a signed QR itself (its signature matters offline): hand it the token.
    redeem.input = scan.kind.kind === 'voucherQr' ? scan.kind.token : formatVoucherCode(code);
    await redeem.submitCode();
  }

  const offs = [
    scans.on('redemption', (scan) => void redeemScanned(scan)),
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
