import type { Db } from '../../../server/db/database';
import { createCampaign, createMerchant, createStore, createTerminal, issueVouchers } from '../../../server/repositories/merchant-setup';
import type { RunningServer } from '../../../server/server';
import { pinVerifier } from '../../unit/renderer/sync/support/fixtures';
import { pairedClient } from '../../support/server/world';

const DAY = 86_400_000;
export const MANAGER_PIN = '8642';

export interface PolicyInput {
  provisionalEnabled?: boolean;
  maxCountPerTerminal?: number;
  maxValueFenPerTerminal?: number;
  managerPinAboveFen?: number;
  leaseMultiStore?: boolean;
}

/** A store's offline policy and one manager with a PIN, written as the back office would. */
export async function setStorePolicy(db: Db, merchantId: string, storeId: string, input: PolicyInput = {}): Promise<void> {
  const now = new Date().toISOString();
  await db.kysely
    .insertInto('store_policies')
    .values({
      merchant_id: merchantId,
      store_id: storeId,
      provisional_enabled: input.provisionalEnabled === false ? 0 : 1,
      max_count_per_terminal: input.maxCountPerTerminal ?? 50,
      max_value_fen_per_terminal: input.maxValueFenPerTerminal ?? 10_000_000,
      max_offline_hours: 24,
      manager_pin_above_fen: input.managerPinAboveFen ?? 1_000_000,
      reverse_window_minutes: 60,
      lease_multi_store: input.leaseMultiStore ? 1 : 0,
      lease_hours: 72,
      updated_at: now,
    })
    .execute();
  await db.kysely
    .insertInto('store_managers')
    .values({ merchant_id: merchantId, store_id: storeId, manager_id: `mgr-${storeId}`, name: '店长', pin_verifier: pinVerifier(MANAGER_PIN), updated_at: now })
    .execute();
}

export interface SyncWorldTerminal {
  terminalId: string;
  storeId: string;
  token: string;
}

/**
 * One merchant; stores A (takes whole leases of multi-store vouchers when it pulls them), B and C
 * (no multi-store leases); terminals A1, A2, B1 and C1 paired over HTTP; vouchers of two uses:
 * valid at A only (leased to A at issuance), at A and B (leased to A on its first pull: B can only
 * go provisional), at B and C (no lease: provisional at both, so they can collide).
 */
export async function buildSyncWorld(server: RunningServer, vouchers: { aOnly: number; ab: number; bc: number }) {
  const db = server.db;
  const merchant = await createMerchant(db, { name: '属性测试商户' });
  const storeA = await createStore(db, merchant.id, 'A 店');
  const storeB = await createStore(db, merchant.id, 'B 店');
  const storeC = await createStore(db, merchant.id, 'C 店');
  await setStorePolicy(db, merchant.id, storeA.id, { leaseMultiStore: true });
  await setStorePolicy(db, merchant.id, storeB.id);
  await setStorePolicy(db, merchant.id, storeC.id);
  const issue = async (storeIds: string[], count: number) => {
    const campaign = await createCampaign(db, merchant.id, {
      kind: 'product',
      title: `${storeIds.length} 店通用券`,
      priceFen: 1000,
      faceValueFen: 2000,
      usesPerVoucher: 2,
      validFrom: new Date(Date.now() - DAY),
      validUntil: new Date(Date.now() + 30 * DAY),
      storeIds,
    });
    const issued = await issueVouchers(db, merchant.id, campaign, { count });
    return issued.map((v) => ({ ...v, storeIds }));
  };
  const all = [
    ...(await issue([storeA.id], vouchers.aOnly)),
    ...(await issue([storeA.id, storeB.id], vouchers.ab)),
    ...(await issue([storeB.id, storeC.id], vouchers.bc)),
  ];
  const terminals: SyncWorldTerminal[] = [];
  for (const [storeId, name] of [[storeA.id, 'A1'], [storeA.id, 'A2'], [storeB.id, 'B1'], [storeC.id, 'C1']] as const) {
    const terminal = await createTerminal(db, merchant.id, storeId, name);
    const client = await pairedClient(server, terminal.id);
    terminals.push({ terminalId: terminal.id, storeId, token: client.token! });
  }
  const vouchersAt = (storeId: string): string[] => all.filter((v) => v.storeIds.includes(storeId)).map((v) => v.id);
  return { merchantId: merchant.id, vouchers: all, terminals, vouchersAt };
}

export type SyncWorld = Awaited<ReturnType<typeof buildSyncWorld>>;
