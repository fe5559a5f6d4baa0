import type { ErrorCode } from '../../../core/errors';
import { fail, ok, type Result } from '../../../core/result';
import type { VoucherRow } from '../../../core/sync';
import { verifyVoucherQr, type QrPublicKey } from '../../../core/voucher-qr';
import type { PosDb } from '../../db/pos-db';
import { readMeta } from '../../db/sync-meta';

/** What the cashier entered: a typed code or a scanned signed QR token. */
export type OfflineInput = { code: string; qrToken?: undefined } | { qrToken: string; code?: undefined };

export interface FoundVoucher {
  voucher: VoucherRow;
  /** False when only the QR's signed claims describe it (not in the mirror yet). */
  mirrored: boolean;
  code: string;
  qrToken?: string;
}

/** `notAfter` as unix seconds, whether the server sent seconds or an ISO instant. */
function notAfterSeconds(notAfter: string): number {
  return /^\d+$/.test(notAfter) ? Number(notAfter) : Math.floor(Date.parse(notAfter) / 1000);
}

function trustedKeys(rows: { kid: string; publicKey: string; notAfter: string | null }[]): QrPublicKey[] {
  return rows.map((k) => ({ kid: k.kid, publicKey: k.publicKey, ...(k.notAfter ? { notAfter: notAfterSeconds(k.notAfter) } : {}) }));
}

/**
 * Finds the voucher in the mirror by code, or checks a QR token's signature with the mirrored
 * merchant keys. The same "not found" for an unknown code as online.
 */
export async function findVoucherOffline(
  db: PosDb,
  input: OfflineInput,
  storeId: string,
  now: Date,
): Promise<Result<FoundVoucher, ErrorCode>> {
  const [cursor, snapshot] = await Promise.all([readMeta(db, 'cursor'), readMeta(db, 'snapshot')]);
  if (cursor === undefined || snapshot) return fail('OFFLINE_NOT_READY', 'the vouchers have not been downloaded yet');
  if (input.code !== undefined) {
    const voucher = await db.vouchers.where('code').equals(input.code).first();
    return voucher ? ok({ voucher, mirrored: true, code: input.code }) : fail('VOUCHER_NOT_FOUND', 'no voucher with this code');
  }
  const keys = trustedKeys(await db.merchantKeys.toArray());
  const verified = verifyVoucherQr(input.qrToken, keys, Math.floor(now.getTime() / 1000));
  if (!verified.ok) return verified;
  const claims = verified.value;
  const mirrored = (await db.vouchers.get(claims.voucherId)) ?? (await db.vouchers.where('code').equals(claims.code).first());
  if (mirrored) return ok({ voucher: mirrored, mirrored: true, code: claims.code, qrToken: input.qrToken });
  // Genuine but unknown here (issued after the last pull): only what the signature vouches for.
  const voucher: VoucherRow = {
    voucherId: claims.voucherId,
    code: claims.code,
    campaignId: '',
    uses: claims.uses,
    redeemed: 0,
    status: 'active',
    validFrom: new Date(0).toISOString(),
    validUntil: new Date(claims.expiresAt * 1000).toISOString(),
    buyerPhoneMasked: null,
    storeIds: [storeId],
    version: 0,
  };
  return ok({ voucher, mirrored: false, code: claims.code, qrToken: input.qrToken });
}
