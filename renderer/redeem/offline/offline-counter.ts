import type { ErrorCode } from '../../../core/errors';
import { fail, type Result } from '../../../core/result';
import { decodeVoucherQr, looksLikeVoucherQr } from '../../../core/voucher-qr';
import { posDb } from '../../db/instance';
import type { CounterCashier } from '../../staff/counter-cashier';
import type { Pairing } from '../../db/pos-db';
import { checkOffline, type OfflineCheck } from './check-offline';
import type { ManagerApproval } from '../../staff/manager-pin';
import { managerPinGate } from '../../staff/pin-gate';
import { redeemOffline, type OfflineRedeemed } from './offline-redeem';
import type { OfflineInput } from './voucher-lookup';

/** A scanned signed QR: its code for the online look-up (the server checks it), its token for offline. */
export function readScannedQr(input: string): { code: string; qrToken: string } | null {
  const text = input.trim();
  if (!looksLikeVoucherQr(text)) return null;
  const decoded = decodeVoucherQr(text);
  return decoded.ok ? { code: decoded.value.claims.code, qrToken: text } : null;
}

function context(pairing: Pairing, count: number) {
  return { storeId: pairing.storeId, timeZone: pairing.timeZone, now: new Date(), count, here: { storeName: pairing.storeName, terminalName: pairing.terminalName } };
}

/** The counter's offline look-up: the mirror instead of the server; `replacing` names a lost online attempt. */
export function lookUpOffline(pairing: Pairing, input: OfflineInput, count = 1, replacing: string | null = null): Promise<Result<OfflineCheck, ErrorCode>> {
  return checkOffline(posDb(), input, { ...context(pairing, count), replacing });
}

/** Asks for a manager's PIN against the store policy's managers. */
export async function approveOffline(check: OfflineCheck, pin: string): Promise<Result<ManagerApproval, ErrorCode>> {
  const approved = await managerPinGate.approve(check.policy?.managers, pin);
  return approved.ok ? approved : fail(approved.code, approved.message);
}

/** Redeems offline (one transaction with its outbox entry), re-judged on what is stored now. */
export function commitOffline(
  pairing: Pairing,
  check: OfflineCheck,
  request: { count: number; approval: ManagerApproval | null; redemptionId: string | null; cashier: CounterCashier },
): Promise<Result<OfflineRedeemed, ErrorCode>> {
  const { now, storeId, timeZone } = context(pairing, request.count);
  return redeemOffline(
    posDb(),
    {
      ...(request.redemptionId ? { redemptionId: request.redemptionId } : {}),
      found: check.found,
      count: request.count,
      cashierId: request.cashier.id,
      cashierName: request.cashier.name,
      approval: request.approval,
      deviceTime: now.toISOString(),
    },
    { storeId, timeZone, now },
  );
}
