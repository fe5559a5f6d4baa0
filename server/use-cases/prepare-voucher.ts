import { maskPhone } from '../../core/mask';
import type { PrepareRequest, VoucherPreview } from '../../core/redemption-api';
import { ok } from '../../core/result';
import { maskCode, parseVoucherCode } from '../../core/voucher-code';
import type { TerminalSession } from '../repositories/terminal-session';
import { lastUsesOf } from '../repositories/voucher-last-uses';
import { findVoucherAtStore } from '../repositories/voucher-repository';
import type { UseCaseDeps } from './deps';
import { guessSubject } from './guess-subject';
import { failure, VOUCHER_NOT_FOUND_MESSAGE, type Outcome } from './outcome';
import { rateLimited } from './rate-limited';
import { whyNotRedeemable } from './redeemability';

/** Looks a code up and says whether it can be redeemed here, now — without changing anything. */
export async function prepareVoucher(
  deps: UseCaseDeps,
  session: TerminalSession,
  input: PrepareRequest,
  client: string,
): Promise<Outcome<VoucherPreview>> {
  const code = parseVoucherCode(input.code);
  if (!code.ok) return code;
  const subject = guessSubject(session, client);
  const wait = await deps.lookupGuard.blockedFor(subject);
  if (wait > 0) return rateLimited(wait);

  const voucher = await findVoucherAtStore(deps.db, session.merchant.id, code.value, session.store.id);
  if (!voucher) {
    await deps.lookupGuard.recordMisses(subject);
    return failure('VOUCHER_NOT_FOUND', VOUCHER_NOT_FOUND_MESSAGE);
  }
  const reason = whyNotRedeemable(voucher, deps.now().toISOString(), 1);
  // Used, or used up: the cashier sees when, where and by whom (an unused voucher costs no query).
  const lastUses = voucher.redeemed > 0 ? await lastUsesOf(deps.db, session.merchant.id, voucher.id) : undefined;
  return ok({
    voucherId: voucher.id,
    codeMasked: maskCode(voucher.code),
    campaignId: voucher.campaignId,
    campaignTitle: voucher.campaignTitle,
    kind: voucher.kind,
    faceValueFen: voucher.faceValueFen,
    uses: voucher.uses,
    redeemed: voucher.redeemed,
    remaining: voucher.uses - voucher.redeemed,
    status: voucher.status,
    validFrom: voucher.validFrom,
    validUntil: voucher.validUntil,
    buyerPhoneMasked: voucher.buyerPhone === null ? null : maskPhone(voucher.buyerPhone),
    redeemable: reason === null,
    reason: reason?.code ?? null,
    ...(lastUses ? { lastUses } : {}),
  });
}
