import { Dexie } from 'dexie';
import { v7 as uuidv7 } from 'uuid';
import { isOutcomeUnknown } from '../../../renderer/shared/api/api-error';
import { createPosServerApi, type PosServerApi } from '../../../renderer/api/pos-server-api';
import { PosDb } from '../../../renderer/db/pos-db';
import { markAccepted, markRejected, pendingRedemptions, recordPending } from '../../../renderer/db/redemption-history';
import { checkOffline } from '../../../renderer/redeem/offline/check-offline';
import { redeemOffline } from '../../../renderer/redeem/offline/offline-redeem';
import { reverseRedemption } from '../../../renderer/redeem/offline/offline-reverse';
import { SyncEngine } from '../../../renderer/sync/sync-engine';
import { createHttpSyncTransport } from '../../../renderer/sync/sync-transport';
import type { CuttableProxy } from './cuttable-proxy';
import type { SyncWorldTerminal } from './sync-world';
import { posSyncHandlers } from '../../../renderer/app/sync-wiring';

const TIME_ZONE = 'Asia/Shanghai';

/**
 * A terminal in Node: its own IndexedDB (fake-indexeddb), a sync engine, and the counter's redeem
 * logic built from the same renderer modules (online first; a lost answer is checked by id, then
 * redeemed offline under the same id; offline on the local mirror). All traffic goes through its proxy.
 */
export class SimTerminal {
  db: PosDb;
  engine: SyncEngine;
  readonly api: PosServerApi;

  constructor(
    readonly identity: SyncWorldTerminal,
    readonly proxy: CuttableProxy,
    private readonly dbName: string,
    private readonly managerId: string,
  ) {
    this.db = new PosDb(dbName);
    this.engine = this.newEngine();
    this.api = createPosServerApi({ baseUrl: proxy.url, token: identity.token, timeoutMs: 3_000 });
  }

  private newEngine(): SyncEngine {
    return new SyncEngine({
      db: this.db,
      transport: createHttpSyncTransport({ baseUrl: this.proxy.url, token: this.identity.token, timeoutMs: 5_000 }),
      deviceId: this.identity.terminalId,
      storeId: this.identity.storeId,
      handlers: posSyncHandlers(),
      live: false,
      pushBatch: 7,
      pullLimit: 50,
    });
  }

  private approval() {
    return { managerId: this.managerId, approvedAt: new Date().toISOString() };
  }

  /** Closes this "window" and opens the terminal again on the same database. */
  async restart(): Promise<void> {
    await this.engine.stop();
    this.db.close();
    this.db = new PosDb(this.dbName);
    this.engine = this.newEngine();
  }

  async redeemOffline(code: string, count: number, redemptionId?: string): Promise<'offline' | 'refused'> {
    const ctx = { storeId: this.identity.storeId, timeZone: TIME_ZONE, now: new Date() };
    const checked = await checkOffline(this.db, { code }, { ...ctx, count, replacing: redemptionId ?? null });
    if (!checked.ok || !checked.value.verdict.ok) return 'refused';
    const approval = checked.value.verdict.needsPin ? this.approval() : null;
    const done = await redeemOffline(
      this.db,
      { ...(redemptionId ? { redemptionId } : {}), found: checked.value.found, count, cashierId: this.identity.terminalId, cashierName: null, approval, deviceTime: ctx.now.toISOString() },
      ctx,
    );
    return done.ok ? 'offline' : 'refused';
  }

  /** The counter: online first; without an answer, status by id, then offline under the same id. */
  async redeem(code: string, count: number): Promise<string> {
    if (this.proxy.mode === 'cut') return this.redeemOffline(code, count);
    const redemptionId = uuidv7();
    const deviceTime = new Date().toISOString();
    const known = await this.db.vouchers.where('code').equals(code).first();
    await recordPending(this.db, {
      redemptionId,
      codeMasked: `**** **** ${code.slice(-4)}`,
      campaignTitle: '',
      count,
      deviceTime,
      voucherId: known?.voucherId ?? null,
    });
    const answer = await this.api.redeem({ redemptionId, code, count, deviceTime, cashierId: this.identity.terminalId });
    if (answer.ok) {
      await markAccepted(this.db, redemptionId, answer.value.remaining, answer.value.serverTime);
      return 'online';
    }
    if (!isOutcomeUnknown(answer)) {
      await markRejected(this.db, redemptionId, answer.code);
      return `refused ${answer.code}`;
    }
    const status = await this.api.redemption(redemptionId);
    if (status.ok) {
      await markAccepted(this.db, redemptionId, status.value.remaining, status.value.serverTime);
      return 'online (reconciled)';
    }
    const offline = await this.redeemOffline(code, count, redemptionId);
    return offline === 'offline' ? 'offline (same id)' : 'uncertain';
  }

  async reverse(pick: number): Promise<string> {
    const candidates = (await this.db.redemptions.toArray()).filter((r) => ['accepted', 'pending'].includes(r.status) && !r.reversal && (r.mode === 'offline' || r.status === 'accepted'));
    const target = candidates[pick % Math.max(1, candidates.length)];
    if (!target) return 'nothing';
    const done = await reverseRedemption(this.db, {
      redemptionId: target.redemptionId,
      reason: '属性测试',
      approval: this.approval(),
      storeId: this.identity.storeId,
      now: new Date(),
    });
    return done.ok ? 'reversed' : done.code;
  }

  /** Forgets the answers of the last entries, as if they were lost: the next push sends them again. */
  async forgetAnswers(last: number): Promise<void> {
    const done = await this.db.outbox.where('[state+seq]').between(['done', Dexie.minKey], ['done', Dexie.maxKey]).reverse().limit(last).primaryKeys();
    await this.db.outbox.bulkUpdate(done.map((seq) => ({ key: seq, changes: { state: 'pending' as const, result: null } })));
  }

  /** Online redemptions still without an answer, settled from the server's record as the POS does. */
  async settleUncertain(): Promise<void> {
    for (const entry of await pendingRedemptions(this.db)) {
      const status = await this.api.redemption(entry.redemptionId);
      if (status.ok) await markAccepted(this.db, entry.redemptionId, status.value.remaining, status.value.serverTime);
      else if (status.code === 'REDEMPTION_NOT_FOUND') await markRejected(this.db, entry.redemptionId, status.code);
    }
  }

  async close(): Promise<void> {
    await this.engine.stop();
    this.db.close();
  }
}
