import type { RedeemRequest, RedemptionRecord } from '../../core/redemption-api';
import { maskCode, type VoucherCode } from '../../core/voucher-code';
import type { RedeemAttempt, RedeemParams } from '../repositories/redeem-statement';
import type { TerminalSession } from '../repositories/terminal-session';
import { newId } from '../security/ids';
import { sha256Hex } from '../security/secrets';

/** What makes two requests "the same redemption": a retry must repeat these exactly. */
export function redemptionFingerprint(code: string, count: number, terminalId: string): string {
  return sha256Hex(`${code}|${count}|${terminalId}`);
}

export function redeemParams(
  session: TerminalSession,
  input: RedeemRequest,
  code: VoucherCode,
  now: Date,
): RedeemParams {
  const cashierId = input.cashierId ?? null;
  return {
    merchantId: session.merchant.id,
    code,
    count: input.count,
    storeId: session.store.id,
    terminalId: session.terminal.id,
    cashierId,
    redemptionId: input.redemptionId.toLowerCase(),
    deviceTime: new Date(input.deviceTime).toISOString(),
    serverTime: now.toISOString(),
    fingerprint: redemptionFingerprint(code, input.count, session.terminal.id),
    auditId: newId(),
    auditDetails: JSON.stringify({ code: maskCode(code), count: input.count, cashierId }),
  };
}

export function toRecord(params: RedeemParams, accepted: Extract<RedeemAttempt, { kind: 'accepted' }>): RedemptionRecord {
  return {
    redemptionId: params.redemptionId,
    voucherId: accepted.voucherId,
    codeMasked: maskCode(params.code),
    campaignTitle: accepted.campaignTitle,
    count: params.count,
    remaining: accepted.remaining,
    storeId: params.storeId,
    terminalId: params.terminalId,
    cashierId: params.cashierId,
    deviceTime: params.deviceTime,
    serverTime: params.serverTime,
    mode: 'online',
    outcome: 'accepted',
  };
}
