import type { DbKind } from '../../db/db-kind';
import { int, intOrNull, stmt, text, textOrNull, type SqlScript } from '../../repositories/sales/sql-script';
import type { NotificationChannel, TemplateId } from '../provider';

export interface ClaimedMessage {
  merchantId: string;
  id: string;
  voucherId: string | null;
  channel: NotificationChannel;
  recipient: string;
  template: TemplateId;
  params: string;
  attempts: number;
  code: string | null;
  campaignId: string | null;
  validUntil: string | null;
  uses: number | null;
}

/**
 * Claims due messages with a lease: a row leased to one node is invisible to the others until the
 * lease ends, and PostgreSQL skips rows another node is claiming at that moment.
 */
export function* claimDueMessages(kind: DbKind, node: string, nowIso: string, leaseUntilIso: string, limit: number): SqlScript<ClaimedMessage[]> {
  const skipLocked = kind === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : '';
  const result = yield stmt(
    `UPDATE notifications SET lease_owner = ?, lease_until = ?, attempts = attempts + 1, updated_at = ?
      WHERE (merchant_id, id) IN (
        SELECT merchant_id, id FROM notifications
         WHERE state = 'queued' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?)
         ORDER BY next_attempt_at LIMIT ?${skipLocked})
      RETURNING merchant_id, id, voucher_id, channel, recipient, template, params, attempts,
        (SELECT v.code FROM vouchers v WHERE v.merchant_id = notifications.merchant_id AND v.id = notifications.voucher_id) AS code,
        (SELECT v.campaign_id FROM vouchers v WHERE v.merchant_id = notifications.merchant_id AND v.id = notifications.voucher_id) AS campaign_id,
        (SELECT v.valid_until FROM vouchers v WHERE v.merchant_id = notifications.merchant_id AND v.id = notifications.voucher_id) AS valid_until,
        (SELECT v.uses FROM vouchers v WHERE v.merchant_id = notifications.merchant_id AND v.id = notifications.voucher_id) AS uses`,
    [node, leaseUntilIso, nowIso, nowIso, nowIso, limit],
  );
  return result.rows.map((row) => ({
    merchantId: text(row, 'merchant_id'),
    id: text(row, 'id'),
    voucherId: textOrNull(row, 'voucher_id'),
    channel: text(row, 'channel') as NotificationChannel,
    recipient: text(row, 'recipient'),
    template: text(row, 'template') as TemplateId,
    params: text(row, 'params'),
    attempts: int(row, 'attempts'),
    code: textOrNull(row, 'code'),
    campaignId: textOrNull(row, 'campaign_id'),
    validUntil: textOrNull(row, 'valid_until'),
    uses: intOrNull(row, 'uses'),
  }));
}

export type SendRecord =
  | { kind: 'sent'; provider: string; providerMessageId: string }
  | { kind: 'retry'; error: string; nextAttemptAt: string }
  | { kind: 'failed'; error: string };

/** Records a send's result, only while this node still holds the lease. */
export function* recordSend(node: string, message: Pick<ClaimedMessage, 'merchantId' | 'id'>, result: SendRecord, nowIso: string): SqlScript<boolean> {
  const where = `WHERE merchant_id = ? AND id = ? AND lease_owner = ? AND state = 'queued'`;
  const key = [message.merchantId, message.id, node];
  const clear = 'lease_owner = NULL, lease_until = NULL, updated_at = ?';
  const updated =
    result.kind === 'sent'
      ? yield stmt(`UPDATE notifications SET state = 'sent', provider = ?, provider_message_id = ?, sent_at = ?, last_error = NULL, ${clear} ${where}`, [
          result.provider,
          result.providerMessageId,
          nowIso,
          nowIso,
          ...key,
        ])
      : result.kind === 'retry'
        ? yield stmt(`UPDATE notifications SET next_attempt_at = ?, last_error = ?, ${clear} ${where}`, [result.nextAttemptAt, result.error, nowIso, ...key])
        : yield stmt(`UPDATE notifications SET state = 'failed', last_error = ?, ${clear} ${where}`, [result.error, nowIso, ...key]);
  return updated.affected === 1;
}
