import type { ScanKind } from '../../core/hardware/scan-kind';
import { decodeVoucherQr } from '../../core/voucher-qr';
import type { VoucherCode } from '../../core/voucher-code';
import type { RoutedScan } from '../hardware/scan-routes';
import { useScanStore } from '../hardware/scan-store';
import { useSettingsScreenStore } from '../hardware/settings/settings-screen-store';
import { useRedeemStore, type ScannedVoucher } from './redeem-store';

/**
 * The voucher inside a scan: its code, and the signed QR it came from. A QR token is read without
 * checking its signature: the server looks the code up as if it were typed, and that answer is the
 * one the cashier acts on (offline, the redeem store checks the signature on the token).
 */
export function voucherOf(kind: ScanKind): ScannedVoucher | null {
  if (kind.kind === 'voucherCode') return { code: kind.code, qrToken: null };
  if (kind.kind !== 'voucherQr') return null;
  const decoded = decodeVoucherQr(kind.token);
  return decoded.ok ? { code: decoded.value.claims.code as VoucherCode, qrToken: kind.token } : null;
}

/**
 * A scanned voucher, on any screen that does not take scans itself, opens its preview on the
 * redeem screen (the cashier still confirms). Registered when the app is composed; returns the
 * unsubscribe.
 */
export function registerRedeemScans(): () => void {
  const scans = useScanStore();
  const redeem = useRedeemStore();
  const settings = useSettingsScreenStore();

  async function redeemScanned(scan: RoutedScan): Promise<void> {
    const voucher = voucherOf(scan.kind);
    if (!voucher) return scans.notify('qrInvalid', {}, 'warn');
    if (redeem.busy) return scans.notify('busy', {}, 'warn');
    settings.close();
    await redeem.submitScanned(voucher);
  }

  return scans.on('redemption', (scan) => void redeemScanned(scan));
}
