import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { MemberEnrolV1, MemberPatchV1 } from '../../../../core/member/member-intents';
import type { EntryResult } from '../../../../core/sync';
import { counterMemberFromChange, onePerPhone } from '../../../../renderer/counter/counter-members-sync';
import { enrolMember } from '../../../../renderer/counter/member-ops';
import type { CounterMember, CounterSale } from '../../../../renderer/db/counter-tables';
import { PosDb } from '../../../../renderer/db/pos-db';
import { dismissMemberEdit, readMemberView } from '../../../../renderer/members/member-view';
import { withPendingEdits } from '../../../../renderer/members/pending-edits';
import { saveMemberEdit } from '../../../../renderer/members/save-member-edit';
import { applyPage } from '../../../../renderer/sync/apply-page';
import { applyPushResults } from '../../../../renderer/sync/apply-results';
import { posSyncHandlers } from '../../../../renderer/app/sync-wiring';

const open: PosDb[] = [];
afterEach(() => open.splice(0).forEach((db) => db.close()));

function database(name = `members-${crypto.randomUUID()}`): PosDb {
  const db = new PosDb(name);
  open.push(db);
  return db;
}

const pulled = (over: Partial<CounterMember> = {}): CounterMember => ({
  memberId: '0190f000-0000-7000-8000-0000000000a1', phone: '13800001111', name: '王小明', gender: 'unknown', birthday: null, note: null, level: '普通',
  points: 120, visits: 3, vouchersHeld: 2, aliasIds: [], pending: false, version: 7, ...over,
});

let patchSerial = 0;
/** Time-ordered ids, as uuidv7 makes them. */
const patchId = () => `0190f000-0000-7000-8000-${String(++patchSerial).padStart(12, '0')}`;

async function edit(db: PosDb, seen: CounterMember, fields: MemberPatchV1['fields']) {
  const id = patchId();
  const saved = await saveMemberEdit(db, { patchId: id, seen, fields, deviceTime: '2026-11-25T10:00:00.000Z' });
  if (!saved.ok) throw new Error(saved.code);
  return { id, member: saved.value };
}

/** Answers every pending outbox entry as the server would, through the engine's own result handling. */
async function answer(db: PosDb, reply: (args: MemberPatchV1 | MemberEnrolV1) => Pick<EntryResult, 'status' | 'result' | 'error'>): Promise<void> {
  const sent = await db.outbox.where('[state+seq]').between(['pending', 0], ['pending', Infinity]).toArray();
  const results = sent.map((e) => ({ seq: e.seq, clientId: e.clientId, serverTime: '2026-11-25T10:00:01.000Z', ...reply(e.args as MemberPatchV1 | MemberEnrolV1) }));
  await applyPushResults(db, posSyncHandlers(), sent, results, Date.now());
}

describe('editing a member at the counter', () => {
  it('applies the edit at once and queues ONE member.patch@1 with only the changed fields and the version the cashier saw', async () => {
    const db = database();
    await db.counterMembers.put(pulled());
    const { id, member } = await edit(db, pulled(), { name: '王大明', level: '金卡' });
    expect(member).toMatchObject({ name: '王大明', level: '金卡', version: 7 });
    expect(await db.counterMembers.get(member.memberId)).toMatchObject({ name: '王大明', level: '金卡' });
    const entries = await db.outbox.toArray();
    expect(entries.map((e) => [e.intent, e.clientId, e.args])).toEqual([
      ['member.patch@1', id, { patchId: id, memberId: member.memberId, baseVersion: 7, fields: { name: '王大明', level: '金卡' } }],
    ]);
    expect(await db.memberEdits.get(id)).toMatchObject({ status: 'pending', previous: { name: '王小明', level: '普通' } });
    expect((await readMemberView(db, '13800001111'))?.edits.map((e) => e.status)).toEqual(['pending']);
  });

  it('keeps the edited values when a pull lands before the push, and drops them once the server answered', async () => {
    const db = database();
    await db.counterMembers.put(pulled());
    await edit(db, pulled(), { note: '不要香菜' });
    const fromServer = pulled({ version: 8, points: 150, name: '王小明' });
    expect(await withPendingEdits(db, [fromServer])).toEqual([{ ...fromServer, note: '不要香菜' }]);
    await answer(db, (args) => ({ status: 'applied', result: { memberId: args.memberId, version: 9, conflicts: [] }, error: null }));
    expect(await withPendingEdits(db, [fromServer])).toEqual([fromServer]);
  });

  it('stores the fields another terminal had changed, survives a reload, and stops showing them once dismissed', async () => {
    const name = `members-${crypto.randomUUID()}`;
    const db = database(name);
    await db.counterMembers.put(pulled());
    const { id } = await edit(db, pulled(), { name: '王大明', note: '靠窗' });
    // Another store renamed the member (王二明) after version 7; this terminal's edit reached the server last.
    await answer(db, (args) => ({ status: 'conflict', result: { memberId: args.memberId, version: 9, conflicts: [{ field: 'name', overwritten: '王二明' }] }, error: null }));
    db.close();

    const reloaded = database(name);
    const view = await readMemberView(reloaded, '13800001111');
    expect(view?.edits).toMatchObject([{ patchId: id, status: 'conflict', conflicts: [{ field: 'name', overwritten: '王二明' }] }]);
    await dismissMemberEdit(reloaded, id, '2026-11-25T10:05:00.000Z');
    expect((await readMemberView(reloaded, '13800001111'))?.edits).toEqual([]);
    expect(await reloaded.memberEdits.get(id)).toMatchObject({ status: 'conflict', dismissedAt: '2026-11-25T10:05:00.000Z' });
  });

  it('does not call a value the cashier saw and replaced a conflict: its own earlier offline edit, the name given at enrolment', async () => {
    const db = database();
    const enrolled = await enrolMember(db, { memberId: '0190f000-0000-7000-8000-0000000000e1', phone: '139 0000 2222', name: '李', deviceTime: '2026-11-25T09:00:00.000Z' });
    if (!enrolled.ok) throw new Error(enrolled.code);
    const first = await edit(db, enrolled.value, { name: '李女士' });
    const second = await edit(db, first.member, { name: '李雪' });
    // The server saw the enrolment's name and then the first edit after base version 0 of both edits.
    const overwritten = new Map([[first.id, '李'], [second.id, '李女士']]);
    await answer(db, (args) =>
      'fields' in args
        ? { status: 'conflict', result: { memberId: args.memberId, version: 3, conflicts: [{ field: 'name', overwritten: overwritten.get(args.patchId) }] }, error: null }
        : { status: 'applied', result: { memberId: args.memberId, merged: false }, error: null },
    );
    expect((await db.memberEdits.toArray()).map((e) => [e.status, e.conflicts])).toEqual([['applied', []], ['applied', []]]);
  });

  it('gives the fields of a refused edit back, unless a later edit here changed them again', async () => {
    const db = database();
    await db.counterMembers.put(pulled());
    const first = await edit(db, pulled(), { name: '王大明', note: '靠窗' });
    await edit(db, first.member, { note: '不要辣' });
    await answer(db, (args) =>
      'patchId' in args && args.patchId === first.id ? { status: 'rejected', result: null, error: { code: 'MEMBER_NOT_FOUND', message: 'no such member' } } : { status: 'applied', result: { memberId: args.memberId, version: 8, conflicts: [] }, error: null },
    );
    expect(await db.counterMembers.get(pulled().memberId)).toMatchObject({ name: '王小明', note: '不要辣' });
    expect((await readMemberView(db, '13800001111'))?.edits).toMatchObject([{ patchId: first.id, status: 'rejected', errorCode: 'MEMBER_NOT_FOUND' }]);
  });

  it('writes nothing for a member that is not on this terminal', async () => {
    const db = database();
    expect(await saveMemberEdit(db, { patchId: patchId(), seen: pulled(), fields: { name: '王' }, deviceTime: '2026-11-25T10:00:00.000Z' })).toMatchObject({ ok: false, code: 'MEMBER_NOT_FOUND' });
    expect([await db.outbox.count(), await db.memberEdits.count(), await db.counterMembers.count()]).toEqual([0, 0, 0]);
  });
});

function sale(memberId: string, createdAt: string, over: Partial<CounterSale> = {}): CounterSale {
  return {
    saleId: crypto.randomUUID(), receiptNo: createdAt.slice(11, 16), shiftId: 's-1', cashierId: null, memberId, createdAt, serviceMode: 'dine_in', tableNo: null, note: null,
    lines: [], orderDiscountFen: 0, subtotalFen: 6800, discountFen: 0, vouchers: [], payments: [{ method: 'cash', amountFen: 6800, reference: null }],
    totalFen: 6800, changeFen: 0, pointsEarned: 68, approval: null, status: 'accepted', ...over,
  };
}

describe('the member card', () => {
  it("lists this terminal's sales of the member, newest first, under an enrolment merged into it too, with points earned and spent", async () => {
    const db = database();
    await db.counterMembers.put(pulled({ aliasIds: ['e-old'] }));
    await db.sales.bulkPut([
      sale(pulled().memberId, '2026-11-25T10:00:00.000Z'),
      sale('e-old', '2026-11-20T09:00:00.000Z', { pointsEarned: 10, payments: [{ method: 'points', amountFen: 300, reference: null, points: 300 }, { method: 'cash', amountFen: 1000, reference: null }] }),
      sale('someone-else', '2026-11-26T09:00:00.000Z'),
    ]);
    const view = await readMemberView(db, '13800001111');
    expect(view?.history.map((h) => [h.createdAt.slice(0, 10), h.pointsEarned, h.pointsSpent])).toEqual([['2026-11-25', 68, 0], ['2026-11-20', 10, 300]]);
  });
});

describe('members pulled to the counter', () => {
  it('keep an edit made here over the pulled row until it is answered, and two server members of one phone never block the page', async () => {
    const db = database();
    await db.counterMembers.put(pulled());
    await edit(db, pulled(), { level: '金卡' });
    const row = (over: Record<string, unknown>) => ({ ...pulled(), gender: 'unknown', vouchersHeld: 4, version: 8, ...over });
    const changes = [
      { kind: 'member' as const, id: 'm-e164', op: 'upsert' as const, data: row({ memberId: 'm-e164', phone: '+8613900003333' }) },
      { kind: 'member' as const, id: 'm-typed', op: 'upsert' as const, data: row({ memberId: 'm-typed', phone: '13900003333' }) },
      { kind: 'member' as const, id: pulled().memberId, op: 'upsert' as const, data: row({ points: 200 }) },
    ];
    await applyPage(db, posSyncHandlers(), { changes, cursor: 'c:2', hasMore: false, reset: false, snapshot: false, progress: null }, Date.now());
    expect(await db.counterMembers.get(pulled().memberId)).toMatchObject({ points: 200, vouchersHeld: 4, level: '金卡', version: 8 });
    expect((await db.counterMembers.where('phone').equals('13900003333').toArray()).map((m) => m.memberId)).toEqual(['m-typed']);
  });

  it('are found by the 11 digits a cashier types, with the vouchers they hold, one per phone', () => {
    const row = { memberId: 'm-9', phone: '+8613700005555', name: null, gender: 'female', birthday: '1991-03-08', note: null, level: '金卡', points: 5, visits: 1, version: 4, aliasIds: ['e-1'], vouchersHeld: 3 };
    const member = counterMemberFromChange(row);
    expect(member).toMatchObject({ phone: '13700005555', gender: 'female', birthday: '1991-03-08', aliasIds: ['e-1'], vouchersHeld: 3, pending: false });
    expect(counterMemberFromChange({ ...row, vouchersHeld: undefined })?.vouchersHeld).toBe(0);
    const twin = counterMemberFromChange({ ...row, memberId: 'm-10', phone: '13700005555' })!;
    expect(onePerPhone([member!, twin]).map((m) => m.memberId)).toEqual(['m-10']);
  });
});
