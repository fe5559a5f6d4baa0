import { sql, type Kysely, type Migration } from 'kysely';
import type { DbKind } from '../db-kind';

/** The ledger rows a terminal's offline caps count: provisional redemptions the server accepted. */
const counted = (r: string) => `${r}.mode = 'offline' AND ${r}.offline_basis = 'provisional' AND ${r}.outcome = 'accepted'`;

/**
 * A terminal's accepted provisional redemptions summed per push (the server time they arrived at):
 * uses, value at face and the latest device time among them. The offline-cap check on push sums the
 * few pushes since an entry was made instead of reading every earlier ledger row, so a backlog costs
 * the same per entry however long it is. The ledger is append-only; a trigger on its insert keeps the
 * sums in the inserting transaction, whichever code path writes the row.
 */
export function offlineTallies(kind: DbKind): Migration {
  const instant = kind === 'postgres' ? 'timestamptz' : 'text';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('offline_tallies')
        .addColumn('merchant_id', 'text', (c) => c.notNull())
        .addColumn('terminal_id', 'text', (c) => c.notNull())
        .addColumn('server_time', sql.raw(instant), (c) => c.notNull())
        .addColumn('uses', 'bigint', (c) => c.notNull())
        .addColumn('value_fen', 'bigint', (c) => c.notNull())
        .addColumn('last_device_time', sql.raw(instant), (c) => c.notNull())
        .addPrimaryKeyConstraint('offline_tallies_pk', ['merchant_id', 'terminal_id', 'server_time'])
        .execute();
      await sql
        .raw(
          `INSERT INTO offline_tallies (merchant_id, terminal_id, server_time, uses, value_fen, last_device_time)
           SELECT r.merchant_id, r.terminal_id, r.server_time, sum(r.count), sum(r.count * c.face_value_fen), max(r.device_time)
             FROM redemptions AS r
             JOIN vouchers AS v ON v.merchant_id = r.merchant_id AND v.id = r.voucher_id
             JOIN campaigns AS c ON c.merchant_id = v.merchant_id AND c.id = v.campaign_id
            WHERE ${counted('r')}
            GROUP BY r.merchant_id, r.terminal_id, r.server_time`,
        )
        .execute(db);
      for (const statement of kind === 'postgres' ? postgresTrigger(await currentSchema(db)) : SQLITE_TRIGGER) await sql.raw(statement).execute(db);
    },
    async down(db: Kysely<unknown>) {
      if (kind === 'postgres') {
        const s = await currentSchema(db);
        await sql.raw(`DROP TRIGGER offline_tally ON ${s}.redemptions`).execute(db);
        await sql.raw(`DROP FUNCTION ${s}.offline_tally()`).execute(db);
      } else {
        await sql.raw('DROP TRIGGER offline_tally').execute(db);
      }
      await db.schema.dropTable('offline_tallies').execute();
    },
  };
}

const tallyUpsert = (s: string, greatest: string) => `
  INSERT INTO ${s}offline_tallies AS t (merchant_id, terminal_id, server_time, uses, value_fen, last_device_time)
  SELECT NEW.merchant_id, NEW.terminal_id, NEW.server_time, NEW.count, NEW.count * c.face_value_fen, NEW.device_time
    FROM ${s}vouchers AS v JOIN ${s}campaigns AS c ON c.merchant_id = v.merchant_id AND c.id = v.campaign_id
   WHERE v.merchant_id = NEW.merchant_id AND v.id = NEW.voucher_id
  ON CONFLICT (merchant_id, terminal_id, server_time) DO UPDATE
     SET uses = t.uses + excluded.uses, value_fen = t.value_fen + excluded.value_fen,
         last_device_time = ${greatest}(t.last_device_time, excluded.last_device_time);`;

// SQLite needs a WHERE before ON CONFLICT in INSERT … SELECT (the parser's ambiguity); there is one.
const SQLITE_TRIGGER = [
  `CREATE TRIGGER offline_tally AFTER INSERT ON redemptions WHEN ${counted('NEW')} BEGIN ${tallyUpsert('', 'max')} END`,
];

function postgresTrigger(s: string): string[] {
  return [
    `CREATE FUNCTION ${s}.offline_tally() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN ${tallyUpsert(`${s}.`, 'greatest')} RETURN NULL; END $fn$`,
    `CREATE TRIGGER offline_tally AFTER INSERT ON ${s}.redemptions FOR EACH ROW WHEN (${counted('NEW')}) EXECUTE FUNCTION ${s}.offline_tally()`,
  ];
}

async function currentSchema(db: Kysely<unknown>): Promise<string> {
  const current = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = current.rows[0]?.schema;
  if (!schema) throw new Error('PostgreSQL has no current schema');
  return `"${schema.replaceAll('"', '""')}"`;
}
