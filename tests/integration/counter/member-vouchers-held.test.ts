import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemberEnrolResult, type MemberPatchV1 } from '../../../core/member/member-intents';
import { MemberRow, type Change } from '../../../core/sync';
import type { PaidAnswer, RefundAnswer } from '../../../server/use-cases/sales/channel-event';
import { BACKENDS } from '../../support/server/backends';
import { ChannelClient, paidEvent, refundEvent } from '../sales/support/channel-client';
import { buildSyncWorld, startSyncServer, type SyncServer, type SyncWorld } from '../sync/support/sync-world';
import { count, enrol, line, patch, query, redemption, refund, sale, send } from './support/counter-entries';

const DAY = 86_400_000;
const PHONE = '13700005555';
/** Orders keep the buyer's phone in E.164. */
const E164 = `+86${PHONE}`;

describe.each(BACKENDS)('members from online orders at the counter: vouchers held, enrolment, edits (%s)', (kind) => {
  let s: SyncServer;
  let w: SyncWorld;
  let channel: ChannelClient;
  let cursor: string;

  beforeAll(async () => {
    s = await startSyncServer(kind);
    w = await buildSyncWorld(s.server);
    const secret = await s.server.sales.deps.channelSecrets.create(w.merchant.id, 'douyin');
    channel = new ChannelClient(s.server, w.merchant.id, secret);
    cursor = (await w.a1.pullAll()).cursor;
  });
  afterAll(async () => {
    await s?.stop();
  });

  /** The member rows store A's terminal pulls from the tail since the last call. */
  async function pulledMembers(): Promise<MemberRow[]> {
    const pulled = await w.a1.pullAll(cursor);
    cursor = pulled.cursor;
    return pulled.changes.filter((c: Change) => c.kind === 'member' && c.op === 'upsert').map((c) => MemberRow.parse(c.data));
  }

  /** What the server itself counts as held: active, uses left, not expired. */
  async function heldOnServer(memberId: string): Promise<number> {
    const [row] = await query(s.server.db, `SELECT count(*) AS n FROM vouchers WHERE member_id = ? AND status = 'active' AND redeemed < uses AND valid_until > ?`, [
      memberId, s.clock.now().toISOString(),
    ]);
    return Number(row?.['n']);
  }

  async function orderVouchers(orderId: string) {
    return s.server.db.kysely.selectFrom('vouchers').select(['id', 'code', 'member_id']).where('order_id', '=', orderId).orderBy('id').execute();
  }

  it('counts the vouchers a paid order issues, and changes when a redemption spends the last use or a refund voids them', async () => {
    const paid = await channel.send<PaidAnswer>(paidEvent({ campaignId: w.campaigns.bothStores.id, phone: PHONE, quantity: 2 }));
    expect(paid.status).toBe(200);
    const [first, second] = await orderVouchers(paid.body.orderId);
    const memberId = String(first?.member_id);
    expect(await pulledMembers()).toMatchObject([{ memberId, phone: E164, vouchersHeld: 2 }]);
    expect(await heldOnServer(memberId)).toBe(2);

    // One use of two: still held, and the member row is not sent again for it.
    const redeem = (code: string) => w.a1.client.post('/vouchers/redeem', { cashierId: 'cashier-1', redemptionId: randomUUID(), code, count: 1, deviceTime: new Date().toISOString() });
    expect((await redeem(first!.code)).status).toBe(200);
    expect(await pulledMembers()).toEqual([]);
    expect((await redeem(first!.code)).status).toBe(200);
    expect(await pulledMembers()).toMatchObject([{ memberId, vouchersHeld: 1 }]);

    const refund = await channel.send<RefundAnswer>(refundEvent({ externalOrderId: paid.body.externalOrderId }));
    expect(refund.body.voided.map((v) => v.voucherId)).toEqual([second!.id]);
    expect(await pulledMembers()).toMatchObject([{ memberId, vouchersHeld: 0 }]);
    expect(await heldOnServer(memberId)).toBe(0);
  });

  it('follows a voucher spent on a counter sale and given back by the sale’s refund', async () => {
    const paid = await channel.send<PaidAnswer>(paidEvent({ campaignId: w.campaigns.storeAOnly.id, phone: PHONE, quantity: 1 }));
    const [voucher] = await orderVouchers(paid.body.orderId);
    const memberId = String(voucher?.member_id);
    expect(await pulledMembers()).toMatchObject([{ memberId, vouchersHeld: 1 }]);

    const r = redemption(voucher!.code);
    const sold = sale({
      memberId, lines: [line({ qty: 2 })], vouchers: [{ use: 'tender', redemption: r }],
      payments: [{ kind: 'voucher', redemptionId: r.redemptionId, amountFen: 5000 }, { kind: 'wechat', amountFen: 8600, reference: 'WX-1' }], totalFen: 13600, changeFen: 0,
    });
    expect((await w.a1.pushOk([w.a1.entry('sale.create@1', sold)])).results[0]?.status).toBe('applied');
    expect((await pulledMembers()).map((m) => m.vouchersHeld)).toEqual([0]);

    // A sale's voucher is not reversed on its own; the sale's refund gives it back.
    expect((await w.a1.pushOk([w.a1.reverse(r.redemptionId, w.manager.id)])).results[0]?.error?.code).toBe('REDEMPTION_IN_SALE');
    expect((await w.a1.pushOk([w.a1.entry('sale.refund@1', refund(sold.saleId, w.manager.id, { whole: true }))])).results[0]?.status).toBe('applied');
    expect((await pulledMembers()).map((m) => m.vouchersHeld)).toEqual([1]);
    expect(await heldOnServer(memberId)).toBe(1);
  });

  it('lets a counter enrolment of the same phone join the member an online order made', async () => {
    const [member] = await query(s.server.db, `SELECT id FROM members WHERE merchant_id = ? AND phone = ?`, [w.merchant.id, E164]);
    const answer = await send(w.b1, 'member.enrol@1', enrol('137 0000 5555', '孙女士'));
    expect(MemberEnrolResult.parse(answer.result)).toEqual({ memberId: member?.['id'], merged: true });
    expect(await count(s.server.db, 'members', 'merchant_id = ? AND phone LIKE ?', [w.merchant.id, '%13700005555'])).toBe(1);
  });

  it('keeps one member when someone enrolled at the counter later buys online', async () => {
    const enrolled = await send(w.a1, 'member.enrol@1', enrol('139 0000 7777', '周先生'));
    const { memberId } = MemberEnrolResult.parse(enrolled.result);
    const paid = await channel.send<PaidAnswer>(paidEvent({ campaignId: w.campaigns.bothStores.id, phone: '13900007777', quantity: 1 }));
    expect(paid.status).toBe(200);
    expect((await orderVouchers(paid.body.orderId)).map((v) => v.member_id)).toEqual([memberId]);
    expect(await count(s.server.db, 'members', 'merchant_id = ? AND phone LIKE ?', [w.merchant.id, '%13900007777'])).toBe(1);
    const pulled = (await pulledMembers()).filter((m) => m.phone.endsWith('13900007777'));
    expect(new Set(pulled.map((m) => m.memberId))).toEqual(new Set([memberId]));
    expect(pulled.at(-1)).toMatchObject({ vouchersHeld: 1 });
  });

  it('refuses an edit with nothing to change, a day that does not exist, an empty level or an unknown member, and changes nothing', async () => {
    const [before] = await query(s.server.db, `SELECT id, name, level, birthday, version FROM members WHERE merchant_id = ? AND phone = ?`, [w.merchant.id, E164]);
    const memberId = String(before?.['id']);
    const base = Number(before?.['version']);
    for (const fields of [{}, { birthday: '1990-02-30' }, { level: '' }]) {
      expect((await send(w.a1, 'member.patch@1', patch(memberId, base, fields as MemberPatchV1['fields']))).error?.code, JSON.stringify(fields)).toBe('VALIDATION_FAILED');
    }
    expect((await send(w.a1, 'member.patch@1', patch(randomUUID(), 1, { name: '某' }))).error?.code).toBe('MEMBER_NOT_FOUND');
    const [after] = await query(s.server.db, `SELECT id, name, level, birthday, version FROM members WHERE id = ?`, [memberId]);
    expect(after).toEqual(before);
  });

  it('leaves expired vouchers out when the member row is read', async () => {
    const [member] = await query(s.server.db, `SELECT id FROM members WHERE merchant_id = ? AND phone = ?`, [w.merchant.id, E164]);
    const memberId = String(member?.['id']);
    const fresh = async () => (await w.b1.pullAll()).changes.filter((c) => c.kind === 'member' && c.id === memberId).map((c) => MemberRow.parse(c.data).vouchersHeld);
    expect(await fresh()).toEqual([1]);
    s.clock.advance(31 * DAY);
    expect(await fresh()).toEqual([0]);
    expect(await heldOnServer(memberId)).toBe(0);
  });
});
