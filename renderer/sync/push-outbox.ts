import type { OutboxEntry } from '../../core/sync';
import { pendingOutbox } from '../db/outbox';
import type { PosDb } from '../db/pos-db';
import type { OutboxRecord } from '../db/sync-tables';
import { applyPushResults, renumberPending, requeueFrom, settleFromRecord } from './apply-results';
import type { SyncHandlers } from './sync-handlers';
import type { SyncTransport } from './sync-transport';

export type StepResult = { ok: true } | { ok: false; retry: boolean; code: string };

export interface PushContext {
  db: PosDb;
  transport: SyncTransport;
  deviceId: string;
  handlers: SyncHandlers;
  clock: () => number;
  /** Called whenever the server answered at all. */
  onContact: () => Promise<void>;
  onProgress: () => void;
}

function toWire(record: OutboxRecord): OutboxEntry {
  return { seq: record.seq, clientId: record.clientId, intent: record.intent, args: record.args, deviceTime: record.deviceTime };
}

/**
 * Sends the outbox in sequence order, batch after batch, until it is empty or the server cannot
 * be reached. Resending is always safe: the server answers a seq it has seen with its first answer.
 */
export class OutboxPusher {
  constructor(
    private readonly ctx: PushContext,
    private batchSize: number,
  ) {}

  async pushAll(): Promise<StepResult> {
    const { db, transport, deviceId, handlers, clock } = this.ctx;
    for (;;) {
      const batch = await pendingOutbox(db, this.batchSize);
      if (batch.length === 0) return { ok: true };
      this.ctx.onProgress();
      const outcome = await transport.push({ deviceId, entries: batch.map(toWire), sentAt: new Date(clock()).toISOString() });
      if (outcome.kind === 'retry') return { ok: false, retry: true, code: outcome.code };
      if (outcome.kind === 'refused') return { ok: false, retry: false, code: outcome.code };
      if (outcome.kind === 'tooLarge') {
        if (batch.length === 1) return { ok: false, retry: false, code: 'PAYLOAD_TOO_LARGE' };
        this.batchSize = Math.ceil(batch.length / 2);
        continue;
      }
      await this.ctx.onContact();
      const { response } = outcome;
      const applied = await applyPushResults(db, handlers, batch, response.results, clock());
      for (const id of applied.reusedIds) {
        const record = await transport.redemption(id);
        if (record.ok) await settleFromRecord(db, record.value, clock());
      }
      if (response.gap) {
        if (!(await requeueFrom(db, response.gap.expectedSeq))) return { ok: false, retry: false, code: 'OUTBOX_GAP' };
        continue;
      }
      if (applied.answered === 0) {
        const foreign = response.results.some((r) => batch.some((e) => e.seq === r.seq && e.clientId !== r.clientId));
        if (!foreign) return { ok: false, retry: true, code: 'BAD_RESPONSE' };
        await renumberPending(db, response.lastSeq);
      }
    }
  }
}
