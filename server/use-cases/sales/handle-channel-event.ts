import { createHash } from 'node:crypto';
import { ok } from '../../../core/result';
import { normalizePhone } from '../../notifications/recipient';
import type { IssueContext, Recipient } from '../../repositories/sales/issue-vouchers-script';
import type { EventRecord } from '../../repositories/sales/order-statements';
import { payOrderScript } from '../../repositories/sales/pay-order-script';
import { refundOrderScript } from '../../repositories/sales/refund-order-script';
import { failure, type Outcome } from '../outcome';
import { handleKeyOf, type ChannelEvent, type EventAnswer, type PaidEvent } from './channel-event';
import { checkChannelSignature, type SignedRequest } from './channel-signature';
import type { SalesDeps } from './sales-deps';

export interface ChannelDelivery extends SignedRequest {
  channel: string;
  merchantId: string | undefined;
}

/** Who sent a webhook: the merchant it names, once its signature and timestamp check out. */
export async function authenticateChannelDelivery(deps: SalesDeps, delivery: ChannelDelivery): Promise<Outcome<{ merchantId: string }>> {
  if (!delivery.merchantId) return failure('WEBHOOK_SIGNATURE_INVALID', 'the X-Hexiao-Merchant header is required');
  const secrets = await deps.channelSecrets.secretsFor(delivery.merchantId, delivery.channel);
  const nowSeconds = Math.floor(deps.now().getTime() / 1000);
  const unsigned = checkChannelSignature(delivery, secrets, nowSeconds, deps.webhookToleranceSeconds);
  return unsigned ?? ok({ merchantId: delivery.merchantId });
}

/**
 * An authenticated channel event: `order.paid` issues vouchers and `order.refunded` voids them,
 * each in one transaction; `rawBody` is kept as a hash to tell a replay from a reused event id.
 */
export async function applyChannelEvent(
  deps: SalesDeps,
  delivery: { merchantId: string; channel: string; rawBody: string },
  event: ChannelEvent,
): Promise<Outcome<EventAnswer>> {
  const { merchantId } = delivery;
  const now = deps.now();
  const record: EventRecord = {
    merchantId,
    channel: delivery.channel,
    eventId: event.eventId,
    type: event.type,
    externalOrderId: event.order.externalOrderId,
    payloadSha256: createHash('sha256').update(delivery.rawBody).digest('hex'),
    receivedAt: now.toISOString(),
  };
  const recipientFor = (phone: string, handleKey: string | null) => chooseRecipient(deps, phone, handleKey);
  const base = { kind: deps.db.kind, merchantId, nowIso: now.toISOString(), event: record, recipientFor };
  if (event.type === 'order.refunded') {
    const answer = await deps.events.run(() => refundOrderScript(base, event));
    if (answer.ok) deps.nudge();
    return answer;
  }
  const issue = await prepareIssue(deps, merchantId, event);
  if (!issue.ok) return issue;
  const phone = normalizePhone(event.order.phone);
  if (!phone) return failure('VALIDATION_FAILED', 'order.phone: not a phone number');
  const { orderId, campaignId, quantity, externalOrderId } = event.order;
  if (orderId) {
    // Our reserved order, the common case: paid in a batch with the others of the moment.
    const job = { event: record, orderId, campaignId, quantity, externalOrderId, merchantId, ...issue.value };
    const paid = await deps.payments.pay(job);
    if (paid) {
      deps.nudge();
      return ok(paid);
    }
  }
  const handleKey = handleKeyOf(delivery.channel, event.order.handle);
  const answer = await deps.events.run(() => payOrderScript({ ...base, ...issue.value }, { event, phone, handleKey }));
  if (answer.ok && !answer.value.duplicate) deps.nudge();
  return answer;
}

async function prepareIssue(deps: SalesDeps, merchantId: string, event: PaidEvent): Promise<Outcome<Omit<IssueContext, 'kind' | 'merchantId' | 'nowIso'>>> {
  const facts = await deps.campaigns.factsOf(merchantId, event.order.campaignId);
  if (!facts) return failure('CAMPAIGN_NOT_FOUND', 'no such campaign');
  const signingKey = await deps.keys.activeSigningKey(merchantId);
  return { ok: true, value: { facts, signingKey, sign: deps.sign } };
}

/** An SMS, or a DM when configured so and the buyer has a platform handle the provider can reach. */
export function chooseRecipient(deps: Pick<SalesDeps, 'provider' | 'preferDm'>, phone: string, handleKey: string | null): Recipient {
  if (deps.preferDm && handleKey && deps.provider.channels.includes('dm')) return { channel: 'dm', to: handleKey };
  return { channel: 'sms', to: phone };
}
