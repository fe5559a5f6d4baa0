import { ok, type Result } from '../../../core/result';
import type { VoucherRedeemV1 } from '../../../core/sync';
import { parseVoucherCode, type VoucherCode } from '../../../core/voucher-code';
import { verifyVoucherQr, type QrFailureCode, type QrPublicKey } from '../../../core/voucher-qr';
import type { Db } from '../../db/database';

/** The merchant's QR keys, read once per push and only when an entry carries a QR token. */
export type MerchantKeys = () => Promise<QrPublicKey[]>;

export function merchantKeysOf(db: Db, merchantId: string): MerchantKeys {
  let loaded: Promise<QrPublicKey[]> | undefined;
  return () => {
    loaded ??= db.kysely
      .selectFrom('merchant_keys')
      .select(['kid', 'public_key', 'status', 'not_after'])
      .where('merchant_id', '=', merchantId)
      .execute()
      .then((rows) =>
        rows.flatMap((row): QrPublicKey[] => {
          if (row.status === 'active') return [{ kid: row.kid, publicKey: row.public_key }];
          if (!row.not_after) return [];
          return [{ kid: row.kid, publicKey: row.public_key, notAfter: Math.floor(Date.parse(row.not_after) / 1000) }];
        }),
      );
    return loaded;
  };
}

type CodeFailure = 'CODE_MALFORMED' | 'CODE_CHECK_DIGIT' | 'VALIDATION_FAILED' | QrFailureCode;

/**
 * The voucher code an offline redemption names: typed, or read from a QR token whose signature
 * is checked against the merchant's keys as they stood when it was scanned.
 */
export function voucherCodeOf(
  args: VoucherRedeemV1,
  keys: QrPublicKey[],
  merchantId: string,
  scannedAt: Date,
): Result<VoucherCode, CodeFailure> {
  if (args.qrToken === undefined) {
    return parseVoucherCode(args.code ?? '');
  }
  const verified = verifyVoucherQr(args.qrToken, keys, Math.floor(scannedAt.getTime() / 1000));
  if (!verified.ok) return verified;
  if (verified.value.merchantId !== merchantId) {
    return { ok: false, code: 'QR_UNKNOWN_KEY', message: 'this QR code belongs to another merchant' };
  }
  if (args.code !== undefined && args.code !== verified.value.code) {
    return { ok: false, code: 'VALIDATION_FAILED', message: 'the typed code and the QR code name different vouchers' };
  }
  return ok(verified.value.code as VoucherCode);
}
