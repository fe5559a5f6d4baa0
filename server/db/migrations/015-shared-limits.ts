import { sql, type Kysely, type Migration } from 'kysely';
import type { DbKind } from '../db-kind';

/**
 * Limits every node shares (issue #12): code-guessing misses, login failures and request rates are
 * counted in `security_counters`, one row per key (for example a terminal's hourly guessing tier),
 * updated with one atomic UPSERT. Times are epoch milliseconds: the hot redeem path compares them
 * without parsing. `security_alerts` is what the merchant sees in the back office.
 */
export function sharedLimits(kind: DbKind): Migration {
  const millis = kind === 'postgres' ? 'bigint' : 'integer';
  const instant = kind === 'postgres' ? 'timestamptz' : 'text';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('security_counters')
        .addColumn('counter_key', 'text', (c) => c.primaryKey())
        .addColumn('window_start', sql.raw(millis), (c) => c.notNull())
        .addColumn('hits', 'integer', (c) => c.notNull())
        .addColumn('strikes', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', sql.raw(millis), (c) => c.notNull().defaultTo(0))
        .addColumn('last_lock_at', sql.raw(millis), (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createTable('security_alerts')
        .addColumn('alert_id', 'text', (c) => c.primaryKey())
        .addColumn('merchant_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('details', 'text', (c) => c.notNull())
        .addColumn('created_at', sql.raw(instant), (c) => c.notNull())
        .execute();
      await db.schema.createIndex('security_alerts_page_idx').on('security_alerts').columns(['merchant_id', 'created_at', 'alert_id']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('security_alerts').execute();
      await db.schema.dropTable('security_counters').execute();
    },
  };
}
