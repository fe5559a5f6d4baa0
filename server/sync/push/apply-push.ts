import type { Logger } from 'pino';
import type { OutboxEntry, PushRequest, PushResponse } from '../../../core/sync';
import type { QrPublicKey } from '../../../core/voucher-qr';
import type { Db } from '../../db/database';
import type { TerminalSession } from '../../repositories/terminal-session';
import type { GuessingGuard } from '../../security/limits/guessing-guard';
import { guessSubject } from '../../use-cases/guess-subject';
import { inTransaction, isRetryable } from '../sql/run-steps';
import { applyChunk, SequenceReused, type ChunkOutcome } from './apply-chunk';
import { deviceClock, type DeviceClock } from './device-clock';
import { merchantKeysOf } from './voucher-code-of';

/** Entries per transaction: one commit for many (a group commit), and locks held only briefly. */
export const PUSH_GROUP_SIZE = 100;
const ATTEMPTS = 3;

export interface PushDeps {
  db: Db;
  now: () => Date;
  logger: Logger;
  /** Entries per transaction; 1 commits each entry on its own (the bench's baseline). */
  pushGroupSize?: number;
  /** Unknown codes count as guesses, as online look-ups do; a blocked terminal's push waits. */
  lookupGuard?: GuessingGuard;
}

export type PushAnswer =
  | { kind: 'ok'; response: PushResponse }
  /** Infrastructure failure: everything up to `lastSeq` is durable. */
  | { kind: 'unavailable'; lastSeq: number; message: string }
  | { kind: 'sequence-reused'; seq: number }
  | { kind: 'rate-limited'; waitMs: number };

/**
 * Applies a push in sequence order. Entries go in groups, each group one transaction; if a group
 * fails for any reason it is rolled back and its entries are applied again one per transaction,
 * so one bad entry or a deadlock never costs the others their results.
 */
export async function applyPush(deps: PushDeps, session: TerminalSession, request: PushRequest, client = 'unknown'): Promise<PushAnswer> {
  const entries = [...request.entries].sort((a, b) => a.seq - b.seq);
  const clock = deviceClock(request.sentAt, deps.now());
  const keys = entries.some((e) => hasQrToken(e)) ? await merchantKeysOf(deps.db, session.merchant.id)() : [];
  const size = Math.max(1, deps.pushGroupSize ?? PUSH_GROUP_SIZE);
  const guard = deps.lookupGuard;
  const subject = guessSubject(session, client);
  const results: PushResponse['results'] = [];
  let lastSeq: number | null = null;
  for (let start = 0; start < entries.length; ) {
    // Checked per entry, as online: a group may take only the misses the limits have left, and
    // one that would take more is rolled back and applied again up to the miss that reaches them.
    const missesLeft = guard ? await guard.missesLeft(subject) : Infinity;
    if (missesLeft === 0) {
      const wait = Math.max(await guard!.blockedFor(subject), 1_000);
      // Too many unknown codes: stop here; what was applied is answered, the rest is sent again later.
      return results.length ? { kind: 'ok', response: { results, lastSeq: lastSeq ?? 0, gap: null } } : { kind: 'rate-limited', waitMs: wait };
    }
    let group = entries.slice(start, start + size);
    let outcome: ChunkOutcome | { failed: unknown; lastSeq: number | null };
    try {
      try {
        outcome = await runWithin(deps, session, clock, keys, group, missesLeft);
      } catch (error) {
        if (error instanceof SequenceReused) throw error;
        if (error instanceof TooManyMisses) group = group.slice(0, error.keep);
        else deps.logger.warn({ err: error, terminalId: session.terminal.id }, 'sync push group failed; applying its entries one by one');
        outcome = await oneByOne(deps, session, clock, keys, group, lastSeq, missesLeft);
      }
    } catch (error) {
      if (error instanceof SequenceReused) return { kind: 'sequence-reused', seq: error.seq };
      throw error;
    }
    if ('failed' in outcome) {
      deps.logger.error({ err: outcome.failed, terminalId: session.terminal.id }, 'sync push could not apply an entry');
      return { kind: 'unavailable', lastSeq: outcome.lastSeq ?? (await durableSeq(deps.db, session)), message: 'the server could not apply the entries; resend them' };
    }
    results.push(...outcome.results);
    await guard?.recordMisses(subject, outcome.results.filter(isMiss).length);
    lastSeq = outcome.lastSeq;
    if (outcome.gap) return { kind: 'ok', response: { results, lastSeq, gap: outcome.gap } };
    start += Math.max(outcome.results.length, 1);
  }
  return { kind: 'ok', response: { results, lastSeq: lastSeq ?? 0, gap: null } };
}

/** A group that would take more misses than the limits have left; `keep` entries take exactly what is left. */
class TooManyMisses extends Error {
  constructor(readonly keep: number) {
    super('a push group found more unknown codes than the guessing limits allow');
  }
}

function isMiss(result: PushResponse['results'][number]): boolean {
  return result.status === 'rejected' && result.error?.code === 'VOUCHER_NOT_FOUND';
}

function runWithin(deps: PushDeps, session: TerminalSession, clock: DeviceClock, keys: QrPublicKey[], entries: OutboxEntry[], missesLeft: number) {
  return inTransaction(deps.db, function* () {
    const outcome = yield* applyChunk({ kind: deps.db.kind, session, clock, keys, entries });
    let misses = 0;
    for (const [i, result] of outcome.results.entries()) {
      if (isMiss(result) && ++misses === missesLeft && i + 1 < outcome.results.length) throw new TooManyMisses(i + 1);
    }
    return outcome;
  });
}

function run(deps: PushDeps, session: TerminalSession, clock: DeviceClock, keys: QrPublicKey[], entries: OutboxEntry[]) {
  return inTransaction(deps.db, () => applyChunk({ kind: deps.db.kind, session, clock, keys, entries }));
}

async function oneByOne(
  deps: PushDeps,
  session: TerminalSession,
  clock: DeviceClock,
  keys: QrPublicKey[],
  group: OutboxEntry[],
  durable: number | null,
  missesLeft: number,
): Promise<ChunkOutcome | { failed: unknown; lastSeq: number | null }> {
  const combined: ChunkOutcome = { results: [], lastSeq: durable ?? 0, gap: null };
  let misses = 0;
  for (const entry of group) {
    if (misses >= missesLeft) break;
    let outcome: ChunkOutcome | undefined;
    for (let attempt = 1; !outcome; attempt++) {
      try {
        outcome = await run(deps, session, clock, keys, [entry]);
      } catch (error) {
        if (error instanceof SequenceReused) throw error;
        if (attempt >= ATTEMPTS || (attempt > 1 && !isRetryable(error))) return { failed: error, lastSeq: durable };
      }
    }
    combined.results.push(...outcome.results);
    misses += outcome.results.filter(isMiss).length;
    combined.lastSeq = durable = outcome.lastSeq;
    if (outcome.gap) return { ...combined, gap: outcome.gap };
  }
  return combined;
}

async function durableSeq(db: Db, session: TerminalSession): Promise<number> {
  try {
    const row = await db.kysely
      .selectFrom('device_sequences')
      .select('last_seq')
      .where('merchant_id', '=', session.merchant.id)
      .where('terminal_id', '=', session.terminal.id)
      .executeTakeFirst();
    return Number(row?.last_seq ?? 0);
  } catch {
    return 0;
  }
}

function hasQrToken(entry: OutboxEntry): boolean {
  const args = entry.args as { qrToken?: unknown } | null;
  return entry.intent === 'voucher.redeem@1' && typeof args === 'object' && args !== null && typeof args.qrToken === 'string';
}
