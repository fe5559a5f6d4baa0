import { sql, type Kysely, type Migration } from 'kysely';
import type { DbKind } from '../db-kind';

/** A voucher counts as held while it is active with uses left; expiry is judged when the member row is read. */
const HELD = (row: 'OLD' | 'NEW') => `(${row}.status = 'active' AND ${row}.redeemed < ${row}.uses)`;
const WATCHED = 'status, redeemed, uses, valid_until';

function sqliteStatements(): string[] {
  const log = (row: 'OLD' | 'NEW') => `INSERT INTO change_log (merchant_id, kind, entity_id, store_id) VALUES (${row}.merchant_id, 'member', ${row}.member_id, NULL);`;
  return [
    `CREATE TRIGGER sync_log_member_vouchers AFTER UPDATE OF ${WATCHED} ON vouchers
     WHEN NEW.member_id IS NOT NULL AND (${HELD('OLD')} IS NOT ${HELD('NEW')} OR OLD.valid_until IS NOT NEW.valid_until) BEGIN
       ${log('NEW')}
     END`,
    `CREATE TRIGGER sync_log_member_vouchers_moved AFTER UPDATE OF member_id ON vouchers
     WHEN OLD.member_id IS NOT NEW.member_id BEGIN
       INSERT INTO change_log (merchant_id, kind, entity_id, store_id)
         SELECT NEW.merchant_id, 'member', m, NULL FROM (SELECT OLD.member_id AS m UNION SELECT NEW.member_id) WHERE m IS NOT NULL;
     END`,
  ];
}

function postgresStatements(s: string): string[] {
  const log = (row: 'OLD' | 'NEW') => `INSERT INTO ${s}.change_log (merchant_id, kind, entity_id, store_id) VALUES (${row}.merchant_id, 'member', ${row}.member_id, NULL);`;
  return [
    `CREATE FUNCTION ${s}.sync_log_member_vouchers() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN ${log('NEW')} RETURN NULL; END $fn$`,
    `CREATE TRIGGER sync_log_member_vouchers AFTER UPDATE OF ${WATCHED} ON ${s}.vouchers FOR EACH ROW
     WHEN (NEW.member_id IS NOT NULL AND (${HELD('OLD')} IS DISTINCT FROM ${HELD('NEW')} OR OLD.valid_until IS DISTINCT FROM NEW.valid_until))
     EXECUTE FUNCTION ${s}.sync_log_member_vouchers()`,
    `CREATE FUNCTION ${s}.sync_log_member_vouchers_moved() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN
       IF OLD.member_id IS NOT NULL THEN ${log('OLD')} END IF;
       IF NEW.member_id IS NOT NULL THEN ${log('NEW')} END IF;
       RETURN NULL; END $fn$`,
    `CREATE TRIGGER sync_log_member_vouchers_moved AFTER UPDATE OF member_id ON ${s}.vouchers FOR EACH ROW
     WHEN (OLD.member_id IS DISTINCT FROM NEW.member_id) EXECUTE FUNCTION ${s}.sync_log_member_vouchers_moved()`,
  ];
}

/**
 * Terminals show how many vouchers a member holds. The count is read with the member row
 * (server/counter/counter-pull-rows.ts); these triggers make the member row change when it moves:
 * a redemption that spends a voucher's last use, a reversal or refund that gives one back, a
 * void, a new validity. They add at most one change-log insert to a voucher update, and none to
 * the updates that leave the voucher as held as before (every redemption but the last).
 * Issuing needs nothing here: paying an order upserts its member in the same transaction, and
 * that member write already feeds the log.
 */
export function memberVouchersHeld(kind: DbKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      let statements = sqliteStatements();
      if (kind === 'postgres') {
        const current = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
        const schema = current.rows[0]?.schema;
        if (!schema) throw new Error('PostgreSQL has no current schema');
        statements = postgresStatements(`"${schema.replaceAll('"', '""')}"`);
      }
      for (const statement of statements) await sql.raw(statement).execute(db);
      // Terminals mirrored members before rows carried the count: send every member once more.
      await sql`INSERT INTO change_log (merchant_id, kind, entity_id, store_id) SELECT merchant_id, 'member', id, NULL FROM members`.execute(db);
    },
    async down(db: Kysely<unknown>) {
      for (const name of ['sync_log_member_vouchers', 'sync_log_member_vouchers_moved']) {
        await sql.raw(kind === 'postgres' ? `DROP TRIGGER ${name} ON vouchers` : `DROP TRIGGER ${name}`).execute(db);
        if (kind === 'postgres') await sql.raw(`DROP FUNCTION ${name}()`).execute(db);
      }
    },
  };
}
