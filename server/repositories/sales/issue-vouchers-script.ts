import { generateVoucherCode } from '../../../core/voucher-code';
import { signVoucherQr, type Ed25519Sign, type QrSigningKey } from '../../../core/voucher-qr';
import type { DbKind } from '../../db/db-kind';
import { newId } from '../../security/ids';
import { secureRandomBytes } from '../../security/secrets';
import type { CampaignFacts } from './campaign-directory';
import { instantParam, jsonRows, stmt, text, type SqlScript } from './sql-script';

export interface IssueContext {
  kind: DbKind;
  merchantId: string;
  facts: CampaignFacts;
  signingKey: QrSigningKey;
  sign: Ed25519Sign;
  nowIso: string;
}

export interface PaidOrder {
  id: string;
  quantity: number;
  phone: string;
  handleKey: string | null;
  memberId: string;
}

export interface Recipient {
  channel: 'sms' | 'dm';
  to: string;
}

export interface IssuedVoucher {
  voucherId: string;
  code: string;
}

const MAX_DRAWS = 5;

/** One voucher per unit of a paid order; see issueVouchers. */
export function* issueOrderVouchers(ctx: IssueContext, order: PaidOrder): SqlScript<IssuedVoucher[]> {
  const [issued] = yield* issueVouchers(ctx, [order]);
  return issued ?? [];
}

/**
 * Issues one voucher per unit of each paid order (one multi-row insert for all of them), each with
 * a fresh code (drawn again when it collides with an existing one) and a QR token signed with the
 * merchant's active key. Answers the vouchers per order, in the orders' order.
 */
export function* issueVouchers(ctx: IssueContext, orders: readonly PaidOrder[]): SqlScript<IssuedVoucher[][]> {
  const issued = orders.map((): IssuedVoucher[] => []);
  for (let draw = 0; ; draw++) {
    const owners = new Map<string, number>();
    const rows = orders.flatMap((order, i) =>
      drawSignedVouchers(ctx, order.quantity - issued[i]!.length).map((v) => {
        owners.set(v.id, i);
        return { ...v, order_id: order.id, member_id: order.memberId, phone: order.phone };
      }),
    );
    if (rows.length === 0) return issued;
    if (draw >= MAX_DRAWS) throw new Error('could not draw unused voucher codes');
    const from = jsonRows(ctx.kind, { id: 'text', code: 'text', qr: 'text', order_id: 'text', member_id: 'text', phone: 'text' });
    const at = instantParam(ctx.kind);
    const inserted = yield stmt(
      `INSERT INTO vouchers (merchant_id, id, campaign_id, code, uses, redeemed, status, valid_from, valid_until,
                             buyer_phone, home_store_id, created_at, updated_at, order_id, member_id, qr_token)
       SELECT CAST(? AS text), ${from.col('id')}, CAST(? AS text), ${from.col('code')}, CAST(? AS integer), 0, 'active',
              ${at}, ${at}, ${from.col('phone')}, NULL, ${at}, ${at}, ${from.col('order_id')}, ${from.col('member_id')}, ${from.col('qr')}
         FROM ${from.from} WHERE true
       ON CONFLICT (merchant_id, code) DO NOTHING
       RETURNING id, code`,
      [
        ctx.merchantId,
        ctx.facts.campaignId,
        ctx.facts.usesPerVoucher,
        ctx.facts.validFrom,
        ctx.facts.validUntil,
        ctx.nowIso,
        ctx.nowIso,
        JSON.stringify(rows),
      ],
    );
    for (const row of inserted.rows) {
      const voucherId = text(row, 'id');
      issued[owners.get(voucherId)!]!.push({ voucherId, code: text(row, 'code') });
    }
  }
}

/** Fresh voucher ids and codes with their QR tokens signed by the merchant's active key. */
export function drawSignedVouchers(ctx: Pick<IssueContext, 'merchantId' | 'facts' | 'signingKey' | 'sign'>, count: number) {
  const expiresAt = Math.floor(new Date(ctx.facts.validUntil).getTime() / 1000);
  return Array.from({ length: count }, () => {
    const voucherId = newId();
    const code = generateVoucherCode(secureRandomBytes);
    const qr = signVoucherQr({ voucherId, merchantId: ctx.merchantId, code, expiresAt, uses: ctx.facts.usesPerVoucher }, ctx.signingKey, ctx.sign);
    if (!qr.ok) throw new Error(`cannot sign voucher QR: ${qr.message}`);
    return { id: voucherId, code, qr: qr.value };
  });
}

export interface VoucherMessage {
  orderId: string;
  recipient: Recipient;
  voucherId: string;
}

/** One outbox row per voucher of one order; see queueMessages. */
export function queueVoucherMessages(
  kind: DbKind,
  merchantId: string,
  orderId: string,
  recipient: Recipient,
  template: 'voucher_issued' | 'voucher_refunded',
  voucherIds: readonly string[],
  nowIso: string,
): SqlScript<number> {
  return queueMessages(kind, merchantId, template, voucherIds.map((voucherId) => ({ orderId, recipient, voucherId })), nowIso);
}

/** One outbox row per voucher; the unique event key makes a second queueing of the same event a no-op. */
export function* queueMessages(
  kind: DbKind,
  merchantId: string,
  template: 'voucher_issued' | 'voucher_refunded',
  messages: readonly VoucherMessage[],
  nowIso: string,
): SqlScript<number> {
  if (messages.length === 0) return 0;
  const rows = jsonRows(kind, { id: 'text', key: 'text', voucher: 'text', order_id: 'text', channel: 'text', recipient: 'text' });
  const at = instantParam(kind);
  const eventPrefix = template === 'voucher_issued' ? 'voucher-issued' : 'voucher-refunded';
  const result = yield stmt(
    `INSERT INTO notifications (merchant_id, id, event_key, voucher_id, order_id, channel, recipient, template, params,
                                state, attempts, next_attempt_at, created_at, updated_at)
     SELECT CAST(? AS text), ${rows.col('id')}, ${rows.col('key')}, ${rows.col('voucher')}, ${rows.col('order_id')},
            ${rows.col('channel')}, ${rows.col('recipient')}, CAST(? AS text), '{}', 'queued', 0, ${at}, ${at}, ${at}
       FROM ${rows.from} WHERE true
     ON CONFLICT (merchant_id, event_key) DO NOTHING`,
    [
      merchantId,
      template,
      nowIso,
      nowIso,
      nowIso,
      JSON.stringify(
        messages.map((m) => ({
          id: newId(),
          key: `${eventPrefix}:${m.voucherId}`,
          voucher: m.voucherId,
          order_id: m.orderId,
          channel: m.recipient.channel,
          recipient: m.recipient.to,
        })),
      ),
    ],
  );
  return result.affected;
}
