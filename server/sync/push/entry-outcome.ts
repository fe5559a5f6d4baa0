import type { ErrorCode } from '../../../core/errors';
import type { EntryResult, EntryStatus, OutboxEntry } from '../../../core/sync';
import type { TerminalSession } from '../../repositories/terminal-session';
import type { DeviceClock } from './device-clock';
import type { LedgerIds } from './ledger-ids';
import type { QrPublicKey } from '../../../core/voucher-qr';

/** What applying one entry decided; duplicates repeat a stored answer and store nothing new. */
export interface EntryOutcome {
  status: EntryStatus;
  result: unknown;
  error: { code: string; message: string } | null;
  serverTime: string;
}

/** What every entry of one push shares. */
export interface EntryContext {
  session: TerminalSession;
  clock: DeviceClock;
  serverTime: string;
  kind: 'sqlite' | 'postgres';
  /** The merchant's QR keys, loaded before the transaction when an entry carries a QR token. */
  keys: QrPublicKey[];
  entry: OutboxEntry;
  /** Redemption ids in the ledger already (looked up once per group, kept up to date). */
  ledgerIds: LedgerIds;
}

export function applied(ctx: EntryContext, result: unknown): EntryOutcome {
  return { status: 'applied', result, error: null, serverTime: ctx.serverTime };
}

export function rejected(ctx: EntryContext, code: ErrorCode, message: string): EntryOutcome {
  return { status: 'rejected', result: null, error: { code, message }, serverTime: ctx.serverTime };
}

/** Recorded for review: not an error for the terminal, which keeps the record it gets back. */
export function conflicted(ctx: EntryContext, result: unknown): EntryOutcome {
  return { status: 'conflict', result, error: null, serverTime: ctx.serverTime };
}

export function duplicateOf(result: unknown, serverTime: string): EntryOutcome {
  return { status: 'duplicate', result, error: null, serverTime };
}

export function toEntryResult(entry: Pick<OutboxEntry, 'seq' | 'clientId'>, outcome: EntryOutcome): EntryResult {
  return { seq: entry.seq, clientId: entry.clientId, ...outcome };
}
