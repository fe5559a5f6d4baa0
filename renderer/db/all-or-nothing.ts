import type { Table, Transaction } from 'dexie';
import type { ErrorCode } from '../../core/errors';
import type { Failure, Result } from '../../core/result';
import type { PosDb } from './pos-db';

/** Carries a refusal out of the transaction: only a throw makes Dexie roll the writes back. */
class Refused extends Error {
  constructor(readonly failure: Failure<ErrorCode>) {
    super(failure.message);
  }
}

/**
 * One read-write transaction whose writes stand only when `body` answers ok. Dexie commits
 * whatever a body that resolves has written, so a refusal found after some writes (the second
 * voucher of a bill, say) would otherwise leave the first half behind.
 */
export async function allOrNothing<T>(
  db: PosDb,
  tables: readonly Table[],
  body: (tx: Transaction) => Promise<Result<T, ErrorCode>>,
): Promise<Result<T, ErrorCode>> {
  try {
    return await db.transaction('rw', [...tables], async (tx) => {
      const result = await body(tx);
      if (!result.ok) throw new Refused(result);
      return result;
    });
  } catch (error) {
    if (error instanceof Refused) return error.failure;
    throw error;
  }
}
