import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../../../server/db/database';
import type { MerchantRole } from '../../../../server/db/schema';
import { addMerchantUser } from '../../../../server/repositories/backoffice/merchant-user-setup';
import { createCampaign, createMerchant, createStore, createTerminal, issueVouchers } from '../../../../server/repositories/merchant-setup';
import { newId } from '../../../../server/security/ids';
import type { RunningServer } from '../../../../server/server';
import type { ApiClient } from '../../../support/server/api-client';
import { openShift } from '../../counter/support/counter-entries';
import { SyncTerminal } from '../../sync/support/sync-terminal';
import { signIn } from './backoffice-world';
import { addCounterUser, insertConflict, insertRedemption } from './ledger-fixtures';
import { insertOrder, issueForOrder } from './sales-rows';

export const MATRIX_ROLES: MerchantRole[] = ['owner', 'manager', 'finance', 'support'];
export const MATRIX_PASSWORD = 'matrix-secret-1';
const DAY = 86_400_000;
let serial = 0;

/**
 * One merchant with something of every kind a route names by id: two stores with a till each
 * (paired), a user of every role (the manager runs store 1), a campaign at both stores and one at
 * store 1 only, an order with its voucher, a member with a sale, a counter user, a redemption, a
 * conflict, a lease, an open shift, a notification and a channel secret.
 */
export async function merchantWithEverything(server: RunningServer, tag: string) {
  const db = server.db;
  const n = `${tag}${process.pid}x${++serial}`;
  const merchant = await createMerchant(db, { name: `矩阵商户${n}` });
  const store1 = await createStore(db, merchant.id, `矩阵一店${n}`);
  const store2 = await createStore(db, merchant.id, `矩阵二店${n}`);
  const terminal1 = await createTerminal(db, merchant.id, store1.id, `T1${n}`);
  const terminal2 = await createTerminal(db, merchant.id, store2.id, `T2${n}`);
  const validFrom = new Date(Date.now() - DAY);
  const validUntil = new Date(Date.now() + 30 * DAY);
  const campaign = await createCampaign(db, merchant.id, {
    kind: 'product', title: `矩阵套餐${n}`, priceFen: 100, faceValueFen: 200, usesPerVoucher: 3, validFrom, validUntil, storeIds: [store1.id, store2.id],
  });
  const store1Campaign = await createCampaign(db, merchant.id, {
    kind: 'cash', title: `一店券${n}`, priceFen: 100, faceValueFen: 100, usesPerVoucher: 1, validFrom, validUntil, storeIds: [store1.id],
  });
  const users = {} as Record<MerchantRole, { id: string; login: string }>;
  const clients = {} as Record<MerchantRole, ApiClient>;
  for (const role of MATRIX_ROLES) {
    users[role] = await addMerchantUser(db, merchant.id, { login: `${role}${n}@matrix.test`, name: role, role, password: MATRIX_PASSWORD });
    clients[role] = await signIn(server, users[role].login, MATRIX_PASSWORD);
  }
  await db.kysely
    .insertInto('merchant_user_stores')
    .values({ merchant_id: merchant.id, user_id: users.manager.id, store_id: store1.id, created_at: new Date().toISOString() })
    .execute();

  const phone = `139${String(10_000_000 + serial * 7919 + (tag === 'a' ? 1 : 2)).slice(-8)}`;
  const orderId = await insertOrder(db, merchant.id, campaign.id, { phone, externalOrderId: `ext-${n}` });
  const [voucher] = await issueForOrder(db, merchant.id, { ...campaign, validFrom: validFrom.toISOString(), validUntil: validUntil.toISOString() }, orderId, 1, phone);
  const [store1Voucher] = await issueVouchers(db, merchant.id, store1Campaign, { count: 1 });
  if (!voucher || !store1Voucher) throw new Error('no voucher issued');

  const memberId = newId();
  const at = new Date().toISOString();
  await db.kysely.insertInto('members').values({ merchant_id: merchant.id, id: memberId, phone, first_order_id: null, created_at: at, updated_at: at, name: `会员${n}` }).execute();
  const counterUser = await addCounterUser(db, merchant.id, store1.id, `收银${n}`);
  const saleId = randomUUID();
  await db.kysely
    .insertInto('sales')
    .values({
      merchant_id: merchant.id, id: saleId, store_id: store1.id, terminal_id: terminal1.id, shift_id: null, cashier_id: counterUser, member_id: memberId,
      order_type: 'dine_in', table_no: null, note: null, gross_fen: 3800, line_discount_fen: 0, order_discount_fen: 0, total_fen: 3800, change_fen: 0,
      points_earned: 38, discount_approved_by: null, outcome: 'accepted', device_time: at, server_time: at,
    })
    .execute();
  const redemptionId = await insertRedemption(db, { merchantId: merchant.id, voucherId: voucher.id, storeId: store1.id, terminalId: terminal1.id, serverTime: at, redemptionId: randomUUID() });
  const conflictId = await insertConflict(db, {
    merchantId: merchant.id, voucherId: store1Voucher.id, storeId: store1.id, terminalId: terminal1.id, serverTime: at, redemptionId: randomUUID(),
  });
  const notificationId = newId();
  await db.kysely
    .insertInto('notifications')
    .values({
      merchant_id: merchant.id, id: notificationId, event_key: `voucher-issued:${voucher.id}`, voucher_id: voucher.id, order_id: orderId, channel: 'sms',
      recipient: phone, template: 'voucher_issued', params: '{}', state: 'delivered', next_attempt_at: at, lease_owner: null, lease_until: null,
      provider: 'console', provider_message_id: null, last_error: null, created_at: at, updated_at: at, sent_at: at, delivered_at: at,
    })
    .execute();

  const owner = clients.owner;
  const lease = await owner.post<{ leaseId: string }>(`/merchant/vouchers/${voucher.id}/lease`, { storeId: store1.id });
  if (lease.status !== 200) throw new Error(`lease: ${lease.status} ${JSON.stringify(lease.body)}`);
  const channel = await owner.post<{ secret: string }>('/merchant/channels', { channel: 'douyin' });
  if (channel.status !== 200) throw new Error(`channel: ${channel.status} ${JSON.stringify(channel.body)}`);
  const pin = await owner.request('PUT', `/merchant/stores/${store1.id}/managers/${users.manager.id}`, JSON.stringify({ pin: '2468' }), 'application/json');
  if (pin.status !== 200) throw new Error(`manager PIN: ${pin.status} ${JSON.stringify(pin.body)}`);

  const till1 = await SyncTerminal.pair(server, terminal1.id);
  const till2 = await SyncTerminal.pair(server, terminal2.id);
  const shift = openShift(10_000);
  const opened = await till1.pushOk([till1.entry('shift.open@1', shift)]);
  if (opened.results[0]?.status !== 'applied') throw new Error(`shift: ${JSON.stringify(opened)}`);

  return {
    merchant,
    users,
    clients,
    tills: { store1: till1, store2: till2 },
    /** What a path parameter of each kind names; every value is this merchant's. */
    ids: {
      store: store1.id,
      store2: store2.id,
      terminal: terminal1.id,
      terminal2: terminal2.id,
      user: users.manager.id,
      campaign: campaign.id,
      store1Campaign: store1Campaign.id,
      voucher: voucher.id,
      store1Voucher: store1Voucher.id,
      member: memberId,
      sale: saleId,
      terminalUser: counterUser,
      notification: notificationId,
      shift: shift.shiftId,
      lease: lease.body.leaseId,
      conflict: conflictId,
      redemption: redemptionId,
      order: orderId,
      orderRef: `ext-${n}`,
    },
    /** Strings only this merchant's answers may contain. */
    secrets: { code: voucher.code, store1Code: store1Voucher.code, phone, channelSecret: channel.body.secret, names: [merchant.name, `矩阵一店${n}`, `会员${n}`, `收银${n}`] },
  };
}

export type MatrixMerchant = Awaited<ReturnType<typeof merchantWithEverything>>;

/** Every row of a merchant in every table that has a merchant_id, for before/after comparison. */
export async function merchantRows(db: Db, merchantId: string): Promise<Record<string, unknown[]>> {
  const listed =
    db.kind === 'sqlite'
      ? (db.sqlite.prepare(`SELECT m.name AS name FROM sqlite_master m, pragma_table_info(m.name) c WHERE m.type = 'table' AND c.name = 'merchant_id'`).all() as { name: string }[])
      : (await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.columns WHERE column_name = 'merchant_id' AND table_schema = current_schema()`.execute(db.kysely)).rows;
  const out: Record<string, unknown[]> = {};
  for (const { name } of listed.sort((x, y) => (x.name < y.name ? -1 : 1))) {
    const rows = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(name)} WHERE merchant_id = ${merchantId}`.execute(db.kysely);
    out[name] = rows.rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}
