import { sql, type Kysely, type Migration } from 'kysely';
import type { DbKind } from '../db-kind';
import { changeLogTriggers } from './005-counter-triggers';

/**
 * Terminals apply the merchant's counter settings (discount PIN threshold, points rule) offline, so
 * saving them feeds the change log like any mirrored row: one `counter_settings` change per
 * merchant, for every store.
 */
export function counterSettingsSync(kind: DbKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await changeLogTriggers(db, kind, [['counter_settings', 'counter_settings', 'merchant_id', 'NULL']]);
    },
    async down(db: Kysely<unknown>) {
      if (kind === 'postgres') {
        await sql.raw('DROP TRIGGER sync_log_counter_settings ON counter_settings').execute(db);
        await sql.raw('DROP FUNCTION sync_log_counter_settings()').execute(db);
      } else {
        for (const event of ['insert', 'update']) await sql.raw(`DROP TRIGGER sync_log_counter_settings_${event}`).execute(db);
      }
    },
  };
}
