import type { Kysely, Migration } from 'kysely';
import type { DbKind } from '../db-kind';

/**
 * What the server needs to judge the counter itself instead of trusting the terminal:
 * - `terminals.last_contact_at`: when the terminal last heard from the server (push or pull), so an
 *   offline redemption's age is measured from the server's own record;
 * - `counter_settings.shared_counter_user`: whether a shared counter user may redeem (otherwise
 *   every redemption names the cashier who signed in).
 * A terminal's provisional redemptions (the caps) are found through 013's terminal-and-time index.
 */
export function counterTruth(kind: DbKind): Migration {
  const instant = kind === 'postgres' ? 'timestamptz' : 'text';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('terminals').addColumn('last_contact_at', instant).execute();
      await db.schema.alterTable('counter_settings').addColumn('shared_counter_user', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('counter_settings').dropColumn('shared_counter_user').execute();
      await db.schema.alterTable('terminals').dropColumn('last_contact_at').execute();
    },
  };
}
