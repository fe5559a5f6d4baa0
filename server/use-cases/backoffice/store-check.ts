import type { CompiledQuery } from 'kysely';
import type { StatementResult } from '../../db/atomic';
import type { Db } from '../../db/database';
import { selectKnownStores } from '../../repositories/backoffice/campaign-facts';
import type { AppFailure } from '../outcome';
import { invalidFields } from './field-errors';

/** Inside a transaction script: a 400 naming each listed store that is not this merchant's, or null. */
export function* unknownStores(
  db: Db,
  merchantId: string,
  storeIds: readonly string[],
): Generator<CompiledQuery, AppFailure | null, StatementResult> {
  const known = new Set((yield selectKnownStores(db, merchantId, storeIds)).rows.map((r) => String(r['id'])));
  const unknown = storeIds.flatMap((id, index) => (known.has(id) ? [] : [{ field: `storeIds.${index}`, message: 'no such store' }]));
  return unknown.length > 0 ? invalidFields(unknown) : null;
}
