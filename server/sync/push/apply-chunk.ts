import type { EntryResult, OutboxEntry } from '../../../core/sync';
import type { QrPublicKey } from '../../../core/voucher-qr';
import type { TerminalSession } from '../../repositories/terminal-session';
import type { Steps } from '../sql/steps';
import { applyEntries } from './apply-entries';
import type { DeviceClock } from './device-clock';
import { toEntryResult, type EntryOutcome } from './entry-outcome';
import { LedgerIds } from './ledger-ids';
import { redemptionIdsInLedger } from './offline-redeem-sql';
import { lockDevice, saveDevice, storedOutcomes, storeOutcomes } from './push-statements';

/** A resent sequence number that names an entry this device never sent: its outbox was reset. */
export class SequenceReused extends Error {
  constructor(readonly seq: number) {
    super(`sequence ${seq} was already used by another entry of this device`);
  }
}

export interface ChunkInput {
  kind: 'sqlite' | 'postgres';
  session: TerminalSession;
  clock: DeviceClock;
  keys: QrPublicKey[];
  entries: OutboxEntry[];
}

export interface ChunkOutcome {
  results: EntryResult[];
  lastSeq: number;
  gap: { expectedSeq: number } | null;
}

/** Each entry's place in the answer: a stored answer again, or the one it gets now. */
type Slot = { entry: OutboxEntry; stored: EntryOutcome } | { entry: OutboxEntry; apply: number } | { entry: OutboxEntry; sameAs: number };

/**
 * Entries in sequence order inside one transaction, which also stores every result and the
 * device's last sequence: what is durable is exactly what has a result. A duplicate gets its
 * stored answer, a gap stops the chunk, and a refusal is recorded and still advances.
 */
export function* applyChunk(input: ChunkInput): Steps<ChunkOutcome> {
  const { session, clock, kind } = input;
  const merchantId = session.merchant.id;
  const terminalId = session.terminal.id;
  const serverTime = clock.serverNow.toISOString();
  const device = yield* lockDevice(kind, merchantId, terminalId, serverTime);
  // Stored answers matter for resent entries, and after a re-pairing for entries sent under the old numbering.
  const resent = device.rebase || input.entries.some((e) => e.seq <= device.lastSeq);
  const known = resent ? yield* storedOutcomes(kind, merchantId, terminalId, input.entries.map((e) => e.clientId)) : new Map<string, EntryOutcome>();

  let last = device.lastSeq;
  let rebase = device.rebase;
  let gap: ChunkOutcome['gap'] = null;
  const slots: Slot[] = [];
  const toApply: OutboxEntry[] = [];
  const firstWith = new Map<string, number>();
  for (const entry of input.entries) {
    const stored = known.get(entry.clientId);
    if (entry.seq <= last && !rebase) {
      if (!stored) throw new SequenceReused(entry.seq);
      slots.push({ entry, stored });
      continue;
    }
    if (rebase) {
      last = entry.seq - 1;
      rebase = false;
    }
    if (entry.seq > last + 1) {
      gap = { expectedSeq: last + 1 };
      break;
    }
    last = entry.seq;
    const earlier = firstWith.get(entry.clientId);
    // Sent before under another sequence number (before a re-pairing), or twice in this push.
    if (stored) slots.push({ entry, stored });
    else if (earlier !== undefined) slots.push({ entry, sameAs: earlier });
    else {
      firstWith.set(entry.clientId, toApply.length);
      slots.push({ entry, apply: toApply.length });
      toApply.push(entry);
    }
  }

  const looked = toApply.flatMap(redemptionIdOf);
  const ledgerIds = new LedgerIds(looked, yield* redemptionIdsInLedger(kind, merchantId, looked));
  const outcomes = yield* applyEntries({ session, clock, serverTime, kind, keys: input.keys, ledgerIds }, toApply);
  const results = slots.map((slot) => {
    if ('stored' in slot) return toEntryResult(slot.entry, { ...slot.stored, status: 'duplicate' });
    if ('sameAs' in slot) return toEntryResult(slot.entry, { ...outcomes[slot.sameAs]!, status: 'duplicate' });
    return toEntryResult(slot.entry, outcomes[slot.apply]!);
  });
  if (toApply.length > 0) {
    const toStore = toApply.map((entry, i) => ({ clientId: entry.clientId, seq: entry.seq, intent: entry.intent, outcome: outcomes[i]! }));
    yield* storeOutcomes(kind, merchantId, terminalId, toStore);
  }
  if (last !== device.lastSeq || device.rebase !== rebase) yield* saveDevice(merchantId, terminalId, last, serverTime);
  return { results, lastSeq: last, gap };
}

function redemptionIdOf(entry: OutboxEntry): string[] {
  const args = entry.args as { redemptionId?: unknown } | null;
  if (entry.intent !== 'voucher.redeem@1' || typeof args !== 'object' || args === null || typeof args.redemptionId !== 'string') return [];
  return [args.redemptionId.toLowerCase()];
}
