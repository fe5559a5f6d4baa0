import { sql, type Kysely } from 'kysely';
import type { DbKind } from '../db-kind';

/** A table that feeds the change log: [table, kind, entity id column, store expression or NULL for all stores]. */
export type LoggedTable = readonly [table: string, kind: string, id: string, store: string];

/** What feeds the change log from the counter's tables. */
const LOGGED: readonly LoggedTable[] = [
  ['catalog_categories', 'catalog_category', 'id', 'NULL'],
  ['catalog_items', 'catalog_item', 'id', 'NULL'],
  ['catalog_item_stores', 'catalog_item', 'item_id', 'NEW.store_id'],
  ['members', 'member', 'id', 'NULL'],
  ['terminal_users', 'terminal_user', 'id', 'NEW.store_id'],
];

function sqliteStatements(logged: readonly LoggedTable[]): string[] {
  return logged.flatMap(([table, kind, id, store]) =>
    ['INSERT', 'UPDATE'].map(
      (event) => `CREATE TRIGGER sync_log_${table}_${event.toLowerCase()} AFTER ${event} ON ${table} BEGIN
         INSERT INTO change_log (merchant_id, kind, entity_id, store_id) VALUES (NEW.merchant_id, '${kind}', NEW.${id}, ${store});
       END`,
    ),
  );
}

function postgresStatements(s: string, logged: readonly LoggedTable[]): string[] {
  return logged.flatMap(([table, kind, id, store]) => [
    `CREATE FUNCTION ${s}.sync_log_${table}() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN
       INSERT INTO ${s}.change_log (merchant_id, kind, entity_id, store_id) VALUES (NEW.merchant_id, '${kind}', NEW.${id}, ${store});
       RETURN NULL; END $fn$`,
    `CREATE TRIGGER sync_log_${table} AFTER INSERT OR UPDATE ON ${s}.${table} FOR EACH ROW EXECUTE FUNCTION ${s}.sync_log_${table}()`,
  ]);
}

/** Insert and update triggers on each table that write its changes to the change log. */
export async function changeLogTriggers(db: Kysely<unknown>, kind: DbKind, logged: readonly LoggedTable[]): Promise<void> {
  let statements = sqliteStatements(logged);
  if (kind === 'postgres') {
    const current = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    const schema = current.rows[0]?.schema;
    if (!schema) throw new Error('PostgreSQL has no current schema');
    statements = postgresStatements(`"${schema.replaceAll('"', '""')}"`, logged);
  }
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function counterSyncTriggers(db: Kysely<unknown>, kind: DbKind): Promise<void> {
  await changeLogTriggers(db, kind, LOGGED);
}
