import { maskPhone } from '../../../core/mask';
import { ok } from '../../../core/result';
import type { Db } from '../../db/database';
import { runScript } from '../../repositories/sales/run-script';
import { int, one, ScriptConflict, stmt, text, textOrNull, type SqlScript } from '../../repositories/sales/sql-script';
import { newId } from '../../security/ids';
import { failure, type Outcome } from '../../use-cases/outcome';
import { normalizePhone } from '../recipient';

export interface ResendDeps {
  db: Db;
  now: () => Date;
  nudge: () => void;
  resendLimit: { max: number; windowMs: number };
}

export interface Resent {
  notificationId: string;
  channel: 'sms' | 'dm';
  recipientMasked: string;
}

/**
 * Queues the voucher's code again to the buyer it was issued to (support or the counter asks for
 * it), at most `resendLimit.max` times per voucher within `resendLimit.windowMs`.
 */
export async function resendVoucherMessage(deps: ResendDeps, merchantId: string, voucherId: string): Promise<Outcome<Resent>> {
  const now = deps.now();
  const outcome = await runScript(deps.db, () => resendScript(deps, merchantId, voucherId, now));
  if (outcome.ok) deps.nudge();
  return outcome;
}

function* resendScript(deps: ResendDeps, merchantId: string, voucherId: string, now: Date): SqlScript<Outcome<Resent>> {
  const voucher = one(yield stmt(`SELECT status, buyer_phone, order_id FROM vouchers WHERE merchant_id = ? AND id = ?`, [merchantId, voucherId]));
  if (!voucher) return failure('VOUCHER_NOT_FOUND', 'no such voucher');
  if (text(voucher, 'status') === 'void') return failure('VOUCHER_NOT_ACTIVE', 'this voucher has been voided; its code is not sent again');

  const original = one(
    yield stmt(
      `SELECT channel, recipient FROM notifications
        WHERE merchant_id = ? AND voucher_id = ? AND template = 'voucher_issued' ORDER BY created_at LIMIT 1`,
      [merchantId, voucherId],
    ),
  );
  const phone = normalizePhone(textOrNull(voucher, 'buyer_phone') ?? '');
  const channel = original ? (text(original, 'channel') as Resent['channel']) : 'sms';
  const recipient = original ? text(original, 'recipient') : phone;
  if (!recipient) return failure('VALIDATION_FAILED', 'this voucher has no buyer to send it to');

  const windowStart = new Date(now.getTime() - deps.resendLimit.windowMs).toISOString();
  const counts = one(
    yield stmt(
      `SELECT count(*) AS total,
              sum(CASE WHEN created_at > ? THEN 1 ELSE 0 END) AS recent,
              min(CASE WHEN created_at > ? THEN created_at END) AS oldest
         FROM notifications WHERE merchant_id = ? AND voucher_id = ? AND event_key LIKE ?`,
      [windowStart, windowStart, merchantId, voucherId, `resend:${voucherId}:%`],
    ),
  );
  const recent = Number(counts?.['recent'] ?? 0);
  if (recent >= deps.resendLimit.max) {
    const oldest = new Date(text(counts, 'oldest')).getTime();
    const retryAfterSeconds = Math.max(1, Math.ceil((oldest + deps.resendLimit.windowMs - now.getTime()) / 1000));
    return failure('RATE_LIMITED', `at most ${deps.resendLimit.max} resends per voucher per ${deps.resendLimit.windowMs / 60_000} min`, {
      retryAfterSeconds,
    });
  }
  const id = newId();
  const nowIso = now.toISOString();
  const inserted = yield stmt(
    `INSERT INTO notifications (merchant_id, id, event_key, voucher_id, order_id, channel, recipient, template, params,
                                state, attempts, next_attempt_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'voucher_issued', '{}', 'queued', 0, ?, ?, ?)
     ON CONFLICT (merchant_id, event_key) DO NOTHING`,
    [merchantId, id, `resend:${voucherId}:${int(counts, 'total') + 1}`, voucherId, textOrNull(voucher, 'order_id'), channel, recipient, nowIso, nowIso, nowIso],
  );
  if (inserted.affected !== 1) throw new ScriptConflict('another resend of this voucher was queued at the same moment');
  return ok({ notificationId: id, channel, recipientMasked: channel === 'sms' ? maskPhone(recipient) : recipient });
}
