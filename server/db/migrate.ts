import { Migrator, type Kysely, type Migration } from 'kysely';
import type { DbKind } from './db-kind';
import { foundation } from './migrations/001-foundation';
import { lifecycle } from './migrations/002-lifecycle';
import { merchantUsers } from './migrations/003-merchant-users';
import { settlements } from './migrations/003-settlements';
import { sync } from './migrations/004-sync';
import { counter } from './migrations/005-counter';
import { memberVouchersHeld } from './migrations/006-member-vouchers-held';
import { counterSettingsSync } from './migrations/007-counter-settings-sync';
import { memberPhonesE164 } from './migrations/008-member-phones-e164';
import { counterTruth } from './migrations/009-counter-truth';
import { redemptionsByTerminal } from './migrations/010-redemptions-by-terminal';
import { backofficeSetup } from './migrations/012-backoffice-setup';
import { backofficeData } from './migrations/013-backoffice-data';
import { backOfficeFigures } from './migrations/014-back-office-figures';
import { sharedLimits } from './migrations/015-shared-limits';
import { loginsPerMerchant } from './migrations/016-logins-per-merchant';
import { offlineTallies } from './migrations/018-offline-tallies';
import type { Database } from './schema';

/** Versioned, in-code migrations; names sort in the order they apply. Exported for migration tests. */
export function migrations(kind: DbKind): Record<string, Migration> {
  return {
    '001_foundation': foundation(kind),
    '002_lifecycle': lifecycle(kind),
    '003_merchant_users': merchantUsers(kind),
    '003_settlements': settlements(kind),
    '004_sync': sync(kind),
    '005_counter': counter(kind),
    '006_member_vouchers_held': memberVouchersHeld(kind),
    '007_counter_settings_sync': counterSettingsSync(kind),
    '008_member_phones_e164': memberPhonesE164(kind),
    '009_counter_truth': counterTruth(kind),
    '010_redemptions_by_terminal': redemptionsByTerminal(),
    '012_backoffice_setup': backofficeSetup(kind),
    '013_backoffice_data': backofficeData(kind),
    '014_back_office_figures': backOfficeFigures(kind),
    '015_shared_limits': sharedLimits(kind),
    '016_logins_per_merchant': loginsPerMerchant(),
    '018_offline_tallies': offlineTallies(kind),
  };
}

/**
 * Applies pending migrations; a no-op when the schema is current. Throws when one fails.
 * On PostgreSQL `schema` must be given: Kysely looks for its migration tables in every schema
 * unless told which one, and would take another schema's tables for its own.
 */
export async function migrateToLatest(kysely: Kysely<Database>, kind: DbKind, schema?: string): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await migrateOnce(kysely, kind, schema);
    } catch (error) {
      if (attempt >= INTROSPECTION_ATTEMPTS || !isSchemaDroppedMeanwhile(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}

const INTROSPECTION_ATTEMPTS = 5;

/**
 * Kysely's migrator introspects the tables of every schema in the database before it starts;
 * when another schema is dropped during that query PostgreSQL answers 3F000 (invalid schema name).
 * Nothing was applied then (the lock is not taken yet), so trying again is safe.
 */
function isSchemaDroppedMeanwhile(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if ((e as { code?: unknown }).code === '3F000') return true;
  }
  return false;
}

async function migrateOnce(kysely: Kysely<Database>, kind: DbKind, schema?: string): Promise<string[]> {
  const migrator = new Migrator({
    db: kysely,
    provider: { getMigrations: async () => migrations(kind) },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  const failed = results.find((r) => r.status === 'Error');
  if (error || failed) {
    const cause = error instanceof Error ? error : new Error(String(error ?? 'unknown'));
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${cause.message}`, { cause });
  }
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
