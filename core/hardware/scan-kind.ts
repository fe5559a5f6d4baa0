import { parseVoucherCode, type VoucherCode } from '../voucher-code';
import { isValidGs1 } from './product-barcode';

/** What a scanned value is, so the POS can send it to the right screen. */
export type ScanKind =
  | { kind: 'voucherCode'; code: VoucherCode }
  | { kind: 'voucherQr'; token: string }
  | { kind: 'product'; symbology: 'EAN13' | 'EAN8' | 'UPCA'; gtin: string }
  | { kind: 'memberQr'; token: string }
  | { kind: 'memberPhone'; phone: string }
  | { kind: 'rejected'; reason: string };

export interface ScanClassifierOptions {
  /** Signed voucher QR tokens; the default accepts `HX1.<payload>.<Ed25519 signature>` in base64url. */
  voucherQrPattern?: RegExp;
  memberQrPattern?: RegExp;
  /**
   * 12-digit UPC-A collides with 12-digit voucher codes. Off by default: Chinese scanners send
   * UPC-A as EAN-13 with a leading 0; when on, a 12-digit value that fails the voucher check
   * but passes the UPC check is a product.
   */
  acceptUpcA?: boolean;
}

export const DEFAULT_VOUCHER_QR = /^HX1\.[A-Za-z0-9_-]{8,800}\.[A-Za-z0-9_-]{86}$/;
export const DEFAULT_MEMBER_QR = /^HXM1\.[A-Za-z0-9_-]{8,400}(\.[A-Za-z0-9_-]{86})?$/;
const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

export function classifyScan(raw: string, options: ScanClassifierOptions = {}): ScanKind {
  const value = raw.trim();
  if (value.length === 0) return { kind: 'rejected', reason: 'empty' };
  if ((options.voucherQrPattern ?? DEFAULT_VOUCHER_QR).test(value)) return { kind: 'voucherQr', token: value };
  if ((options.memberQrPattern ?? DEFAULT_MEMBER_QR).test(value)) return { kind: 'memberQr', token: value };
  const compact = value.replace(/[\s-]/g, '');
  if (!/^\d+$/.test(compact)) return { kind: 'rejected', reason: 'not a voucher, product or member code' };
  if (compact.length === 13) {
    return isValidGs1(compact, 13)
      ? { kind: 'product', symbology: 'EAN13', gtin: compact }
      : { kind: 'rejected', reason: 'EAN-13 check digit does not match' };
  }
  if (compact.length === 8) {
    return isValidGs1(compact, 8)
      ? { kind: 'product', symbology: 'EAN8', gtin: compact }
      : { kind: 'rejected', reason: 'EAN-8 check digit does not match' };
  }
  if (compact.length === 11 && MAINLAND_MOBILE.test(compact)) return { kind: 'memberPhone', phone: compact };
  if (compact.length === 12) {
    const voucher = parseVoucherCode(compact);
    if (voucher.ok) return { kind: 'voucherCode', code: voucher.value };
    if (options.acceptUpcA && isValidGs1(compact, 12)) return { kind: 'product', symbology: 'UPCA', gtin: compact };
    return { kind: 'rejected', reason: voucher.message };
  }
  return { kind: 'rejected', reason: `no code has ${compact.length} digits` };
}
