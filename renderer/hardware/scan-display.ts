import type { ScanKind } from '../../core/hardware/scan-kind';
import { maskPhone } from '../../core/mask';
import { maskCode } from '../../core/voucher-code';

/**
 * How a scan may be shown on screen: voucher codes and phones masked (never a full code), QR
 * tokens shortened, product codes whole.
 */
export function scanDisplay(kind: ScanKind, value: string): string {
  switch (kind.kind) {
    case 'voucherCode':
      return maskCode(kind.code);
    case 'voucherQr':
    case 'memberQr':
      return `${kind.token.slice(0, kind.token.indexOf('.') + 1)}…`;
    case 'product':
      return kind.gtin;
    case 'memberPhone':
      return maskPhone(kind.phone);
    case 'rejected':
      return /\d{6,}/.test(value) ? `${'*'.repeat(Math.max(0, value.length - 4))}${value.slice(-4)}` : value.slice(0, 24);
  }
}
