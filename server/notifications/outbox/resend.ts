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
  /** The channels the configured provider can send on; a resend asking for another is refused. */
  provider?: { channels: readonly ('sms' | 'dm')[] };
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
export async function resendVoucherMessage(deps: ResendDeps, merchantId: string, voucherId: string, channel?: Resent['channel']): Promise<Outcome<Resent>> {
  if (channel && deps.provider && !deps.provider.channels.includes(channel)) {
    return failure('VALIDATION_FAILED', `the message provider cannot send by ${channel}`, { fields: [{ field: 'channel', message: 'not offered by the provider' }] });
  }
  const now = deps.now();
  const outcome = await runScript(deps.db, () => resendScript(deps, merchantId, voucherId, now, channel));
  if (outcome.ok) deps.nudge();
  return outcome;
}

function* resendScript(deps: ResendDeps, merchantId: string, voucherId: string, now: Date, asked?: Resent['channel']): SqlScript<Outcome<Resent>> {
  const voucher = one(
    yield stmt(
      `SELECT v.status, v.buyer_phone, v.order_id, o.buyer_handle FROM vouchers v
         LEFT JOIN orders o ON o.merchant_id = v.merchant_id AND o.id = v.order_id
        WHERE v.merchant_id = ? AND v.id = ?`,
      [merchantId, voucherId],
    ),
  );
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
  const first = original ? { channel: text(original, 'channel') as Resent['channel'], to: text(original, 'recipient') } : null;
  // Asked for a channel: the buyer's phone for SMS, the order's platform handle for a DM.
  const channel = asked ?? first?.channel ?? 'sms';
  const recipient = asked === undefined ? (first?.to ?? phone) : asked === 'sms' ? phone : textOrNull(voucher, 'buyer_handle');
  if (!recipient) {
    const what = channel === 'dm' ? 'no platform handle to send a DM to' : 'no buyer to send it to';
    return failure('VALIDATION_FAILED', `this voucher has ${what}`, asked ? { fields: [{ field: 'channel', message: what }] } : undefined);
  }

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
