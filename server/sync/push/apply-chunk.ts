import type { QrPublicKey } from '../../../core/voucher-qr';
import type { EntryResult, OutboxEntry } from '../../../core/sync';
import type { TerminalSession } from '../../repositories/terminal-session';
import type { Steps } from '../sql/steps';
import { applyEntry } from './apply-entry';
import type { DeviceClock } from './device-clock';
import { toEntryResult, type EntryOutcome } from './entry-outcome';
import { lockDevice, saveDevice, storedOutcomes, storeOutcomes, type ResultToStore } from './push-statements';

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
  const known = yield* storedOutcomes(kind, merchantId, terminalId, input.entries.map((e) => e.clientId));
  let last = device.lastSeq;
  let rebase = device.rebase;
  let gap: ChunkOutcome['gap'] = null;
  const results: EntryResult[] = [];
  const toStore: ResultToStore[] = [];
  const duplicate = (entry: OutboxEntry, stored: EntryOutcome) => results.push(toEntryResult(entry, { ...stored, status: 'duplicate' }));

  for (const entry of input.entries) {
    const stored = known.get(entry.clientId);
    if (entry.seq <= last && !rebase) {
      if (!stored) throw new SequenceReused(entry.seq);
      duplicate(entry, stored);
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
    // Sent before under another sequence number (before the terminal was paired again).
    if (stored) {
      duplicate(entry, stored);
      continue;
    }
    const outcome = yield* applyEntry({ session, clock, serverTime, kind, keys: input.keys, entry });
    results.push(toEntryResult(entry, outcome));
    toStore.push({ clientId: entry.clientId, seq: entry.seq, intent: entry.intent, outcome });
    known.set(entry.clientId, outcome);
  }
  if (toStore.length > 0) yield* storeOutcomes(kind, merchantId, terminalId, toStore);
  if (last !== device.lastSeq || device.rebase !== rebase) yield* saveDevice(merchantId, terminalId, last, serverTime);
  return { results, lastSeq: last, gap };
}
