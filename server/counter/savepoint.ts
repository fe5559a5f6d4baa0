import { q, type Steps } from '../sync/sql/steps';

/**
 * Runs `work` inside a savepoint of the push transaction: when it returns `undo: true` everything
 * it wrote is rolled back (a sale whose third voucher is refused leaves no redemption behind),
 * while the entry's rejection is still stored by the caller.
 */
export function* withSavepoint<T>(work: () => Steps<{ value: T; undo: boolean }>): Steps<T> {
  yield q('SAVEPOINT counter_entry');
  const { value, undo } = yield* work();
  if (undo) yield q('ROLLBACK TO SAVEPOINT counter_entry');
  yield q('RELEASE SAVEPOINT counter_entry');
  return value;
}
