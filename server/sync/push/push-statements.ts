import type { DbKind } from '../../db/db-kind';
import { first, q, rowsPlannedEachTime, type Steps } from '../sql/steps';
import type { EntryOutcome } from './entry-outcome';

export interface DeviceState {
  lastSeq: number;
  /** Paired again since its last push: the next entry's sequence becomes the base. */
  rebase: boolean;
}

/** The device's sequence row, created on its first push and locked until the transaction ends. */
export function* lockDevice(kind: DbKind, merchantId: string, terminalId: string, now: string): Steps<DeviceState> {
  yield q(
    `INSERT INTO device_sequences (merchant_id, terminal_id, last_seq, rebase, updated_at) VALUES (?, ?, 0, 0, ?)
     ON CONFLICT (merchant_id, terminal_id) DO NOTHING`,
    [merchantId, terminalId, now],
  );
  const row = yield* first(
    `SELECT last_seq, rebase FROM device_sequences WHERE merchant_id = ? AND terminal_id = ?${kind === 'postgres' ? ' FOR UPDATE' : ''}`,
    [merchantId, terminalId],
  );
  return { lastSeq: Number(row?.['last_seq'] ?? 0), rebase: Number(row?.['rebase'] ?? 0) === 1 };
}

export function* saveDevice(merchantId: string, terminalId: string, lastSeq: number, now: string): Steps<void> {
  yield q(`UPDATE device_sequences SET last_seq = ?, rebase = 0, updated_at = ? WHERE merchant_id = ? AND terminal_id = ?`, [
    lastSeq,
    now,
    merchantId,
    terminalId,
  ]);
}

/** A result stored with its entry: what a resent entry gets back. */
export type StoredOutcome = EntryOutcome;

export function* storedOutcomes(kind: DbKind, merchantId: string, terminalId: string, clientIds: string[]): Steps<Map<string, StoredOutcome>> {
  // Each dialect's shape that probes the primary key once per id, whatever the table's size.
  const columns = 'p.client_id, p.status, p.result, p.error_code, p.error_message, p.server_time';
  const found = yield* rowsPlannedEachTime(
    kind === 'postgres'
      ? `SELECT ${columns} FROM json_array_elements_text(CAST(? AS json)) AS c(id)
           JOIN push_results AS p ON p.merchant_id = ? AND p.terminal_id = ? AND p.client_id = c.id`
      : `SELECT ${columns} FROM push_results AS p
          WHERE p.merchant_id = ? AND p.terminal_id = ? AND p.client_id IN (SELECT value FROM json_each(?))`,
    kind === 'postgres' ? [JSON.stringify(clientIds), merchantId, terminalId] : [merchantId, terminalId, JSON.stringify(clientIds)],
  );
  return new Map(
    found.map((row) => [
      String(row['client_id']),
      {
        status: row['status'] as StoredOutcome['status'],
        result: row['result'] === null ? null : (JSON.parse(String(row['result'])) as unknown),
        error: row['error_code'] === null ? null : { code: String(row['error_code']), message: String(row['error_message'] ?? '') },
        serverTime: new Date(String(row['server_time'])).toISOString(),
      },
    ]),
  );
}

export interface ResultToStore {
  clientId: string;
  seq: number;
  intent: string;
  outcome: EntryOutcome;
}

const COLUMNS = 'merchant_id, terminal_id, client_id, seq, intent, status, result, error_code, error_message, server_time';

/**
 * Every result of a transaction in one multi-row insert with fixed SQL text. A client id sent again
 * under a new sequence number was applied idempotently (by its redemption or reversal id); the
 * result first stored for it stays.
 */
export function* storeOutcomes(kind: DbKind, merchantId: string, terminalId: string, results: ResultToStore[]): Steps<void> {
  const json = JSON.stringify(
    results.map(({ clientId, seq, intent, outcome }) => ({
      client_id: clientId,
      seq,
      intent,
      // A redemption found already in the ledger is this entry's first answer: stored as applied.
      status: outcome.status === 'duplicate' ? 'applied' : outcome.status,
      result: outcome.result === null ? null : JSON.stringify(outcome.result),
      error_code: outcome.error?.code ?? null,
      error_message: outcome.error?.message ?? null,
      server_time: outcome.serverTime,
    })),
  );
  if (kind === 'postgres') {
    yield q(
      `INSERT INTO push_results (${COLUMNS})
       SELECT ?, ?, j.client_id, j.seq, j.intent, j.status, j.result, j.error_code, j.error_message, CAST(j.server_time AS timestamptz)
         FROM json_to_recordset(CAST(? AS json)) AS j(client_id text, seq bigint, intent text, status text, result text,
                                                    error_code text, error_message text, server_time text)
       ON CONFLICT DO NOTHING`,
      [merchantId, terminalId, json],
    );
    return;
  }
  const field = (name: string) => `json_extract(j.value, '$.${name}')`;
  yield q(
    `INSERT INTO push_results (${COLUMNS})
     SELECT ?, ?, ${['client_id', 'seq', 'intent', 'status', 'result', 'error_code', 'error_message', 'server_time'].map(field).join(', ')}
       FROM json_each(?) AS j WHERE true
     ON CONFLICT DO NOTHING`,
    [merchantId, terminalId, json],
  );
}
