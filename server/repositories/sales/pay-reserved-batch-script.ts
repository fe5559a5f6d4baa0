import { maskCode } from '../../../core/voucher-code';
import type { PaidAnswer } from '../../use-cases/sales/channel-event';
import { issueVouchers, queueMessages, type IssueContext, type Recipient } from './issue-vouchers-script';
import { upsertMembers } from './member-statements';
import { findOrdersByIds, markOrdersPaid, recordedEventIds, recordEvents } from './order-batch-statements';
import type { EventRecord, OrderRow } from './order-statements';
import { ScriptConflict, type SqlScript } from './sql-script';

/** A channel's `order.paid` for one of our reserved orders, authenticated and validated. */
export interface ReservedPayment {
  event: EventRecord;
  orderId: string;
  campaignId: string;
  quantity: number;
  externalOrderId: string;
}

export interface PayBatchContext extends IssueContext {
  channel: string;
  recipientFor: (phone: string, handleKey: string | null) => Recipient;
}

/**
 * Pays reserved orders of ONE campaign, delivered by one channel, in one script of about ten
 * statements however many orders: members, paid orders, vouchers, messages and event records.
 * Only the plain case is handled here: our order still reserved with the same campaign and
 * quantity, an event id and external id not seen before (nor twice in the batch). Anything else
 * answers null and goes through the general payment script, which knows every other case.
 */
export function* payReservedBatchScript(ctx: PayBatchContext, jobs: readonly ReservedPayment[]): SqlScript<(PaidAnswer | null)[]> {
  const { byId, byExternalId } = yield* findOrdersByIds(
    ctx.kind,
    ctx.merchantId,
    jobs.map((j) => j.orderId),
    ctx.channel,
    jobs.map((j) => j.externalOrderId),
  );
  const seenEvents = yield* recordedEventIds(
    ctx.kind,
    ctx.merchantId,
    ctx.channel,
    jobs.map((j) => j.event.eventId),
  );
  const plain = plainPayments(jobs, byId, byExternalId, seenEvents);
  if (plain.length === 0) return jobs.map(() => null);

  const members = yield* upsertMembers(
    ctx.kind,
    ctx.merchantId,
    plain.map(({ order }) => ({ phone: order.phone, handleKey: order.handleKey, orderId: order.id })),
    ctx.nowIso,
  );
  const owners = plain.map(({ job, order }) => ({ job, order, memberId: members.get(order.phone)! }));
  const paid = yield* markOrdersPaid(
    ctx.kind,
    ctx.merchantId,
    owners.map(({ job, memberId }) => ({ id: job.orderId, externalOrderId: job.externalOrderId, memberId })),
    ctx.nowIso,
  );
  // Read without a lock: an order that changed since (another node, the expiry sweep) means run again.
  if (paid !== owners.length) throw new ScriptConflict(`reserved orders of campaign ${ctx.facts.campaignId} changed while being paid`);

  const issued = yield* issueVouchers(
    ctx,
    owners.map(({ job, order, memberId }) => ({ id: job.orderId, quantity: job.quantity, phone: order.phone, handleKey: order.handleKey, memberId })),
  );
  const messages = owners.flatMap(({ job, order }, i) => {
    const recipient = ctx.recipientFor(order.phone, order.handleKey);
    return issued[i]!.map((v) => ({ orderId: job.orderId, recipient, voucherId: v.voucherId }));
  });
  yield* queueMessages(ctx.kind, ctx.merchantId, 'voucher_issued', messages, ctx.nowIso);

  const answers = owners.map(({ job }, i) => ({ record: job.event, answer: paidAnswer(job, issued[i]!, ctx.facts.usesPerVoucher) }));
  const recorded = yield* recordEvents(ctx.kind, answers);
  if (recorded !== owners.length) throw new ScriptConflict('a channel event was recorded concurrently');
  const byJob = new Map(owners.map(({ job }, i) => [job, answers[i]!.answer]));
  return jobs.map((job) => byJob.get(job) ?? null);
}

/** The jobs this script may pay, each with its order: the first of any ids that repeat in the batch. */
function plainPayments(
  jobs: readonly ReservedPayment[],
  byId: ReadonlyMap<string, OrderRow>,
  byExternalId: ReadonlyMap<string, string>,
  seenEvents: ReadonlySet<string>,
): { job: ReservedPayment; order: OrderRow }[] {
  const taken = new Set<string>();
  const plain: { job: ReservedPayment; order: OrderRow }[] = [];
  for (const job of jobs) {
    const order = byId.get(job.orderId);
    const keys = [`order|${job.orderId}`, `event|${job.event.eventId}`, `external|${job.externalOrderId}`];
    if (
      !order ||
      order.state !== 'reserved' ||
      order.campaignId !== job.campaignId ||
      order.quantity !== job.quantity ||
      (order.externalOrderId !== null && order.externalOrderId !== job.externalOrderId) ||
      (byExternalId.get(job.externalOrderId) ?? job.orderId) !== job.orderId ||
      seenEvents.has(job.event.eventId) ||
      keys.some((key) => taken.has(key))
    ) {
      continue;
    }
    for (const key of keys) taken.add(key);
    plain.push({ job, order });
  }
  return plain;
}

function paidAnswer(job: ReservedPayment, issued: readonly { voucherId: string; code: string }[], uses: number): PaidAnswer {
  return {
    eventId: job.event.eventId,
    type: 'order.paid',
    orderId: job.orderId,
    externalOrderId: job.externalOrderId,
    state: 'paid',
    duplicate: false,
    vouchers: issued.map((v) => ({ voucherId: v.voucherId, codeMasked: maskCode(v.code), uses, redeemed: 0, status: 'active' })),
  };
}
