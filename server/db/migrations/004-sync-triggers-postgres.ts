import { sql, type Kysely } from 'kysely';

/** Only columns a terminal mirrors make a voucher or campaign change worth sending. */
const VOUCHER_MIRRORED = ['redeemed', 'status', 'uses', 'valid_from', 'valid_until', 'buyer_phone', 'home_store_id', 'campaign_id', 'code'];
const CAMPAIGN_MIRRORED = ['title', 'kind', 'face_value_fen', 'min_spend_fen', 'validity_rules'];
const changed = (columns: string[]) => columns.map((c) => `OLD.${c} IS DISTINCT FROM NEW.${c}`).join(' OR ');

const SINGLE_STORE_OF = (v: string, s: string) => `CASE WHEN ${v}.home_store_id IS NOT NULL THEN
  (SELECT cs.store_id FROM ${s}.campaign_stores AS cs
    WHERE cs.merchant_id = ${v}.merchant_id AND cs.campaign_id = ${v}.campaign_id AND cs.store_id = ${v}.home_store_id)
  ELSE (SELECT CASE WHEN count(*) = 1 THEN min(cs.store_id) END FROM ${s}.campaign_stores AS cs
         WHERE cs.merchant_id = ${v}.merchant_id AND cs.campaign_id = ${v}.campaign_id) END`;

/**
 * Trigger functions name their tables with the schema they were created in, so any session (any
 * search_path) writing these tables feeds the log. Each change commits with its transaction id
 * (change_log.xid), which the pull's watermark orders by.
 */
function statements(s: string): string[] {
  const log = (kind: string, entity: string, store: string, row = 'NEW') =>
    `INSERT INTO ${s}.change_log (merchant_id, kind, entity_id, store_id) VALUES (${row}.merchant_id, '${kind}', ${entity}, ${store});`;
  const fn = (name: string, body: string) =>
    `CREATE FUNCTION ${s}.${name}() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN ${body} RETURN NULL; END $fn$`;
  const simple = (name: string, table: string, kind: string, entity: string, store: string, when = '') => [
    fn(name, log(kind, entity, store)),
    `CREATE TRIGGER ${name} AFTER INSERT OR UPDATE ON ${s}.${table} FOR EACH ROW ${when} EXECUTE FUNCTION ${s}.${name}()`,
  ];
  return [
    fn(
      'sync_log_voucher',
      `IF TG_OP = 'UPDATE' AND NOT (${changed(VOUCHER_MIRRORED)}) THEN RETURN NULL; END IF;
       ${log('voucher', 'NEW.id', `coalesce(NEW.home_store_id, (SELECT CASE WHEN count(*) = 1 THEN min(cs.store_id) END
         FROM ${s}.campaign_stores AS cs WHERE cs.merchant_id = NEW.merchant_id AND cs.campaign_id = NEW.campaign_id))`)}
       IF TG_OP = 'UPDATE' AND OLD.home_store_id IS NOT NULL AND OLD.home_store_id IS DISTINCT FROM NEW.home_store_id THEN
         ${log('voucher', 'NEW.id', 'OLD.home_store_id')}
       END IF;`,
    ),
    `CREATE TRIGGER sync_log_voucher AFTER INSERT OR UPDATE ON ${s}.vouchers FOR EACH ROW EXECUTE FUNCTION ${s}.sync_log_voucher()`,
    // A voucher valid at exactly one store is leased to it whole when issued, until it expires.
    `CREATE FUNCTION ${s}.sync_lease_new_voucher() RETURNS trigger LANGUAGE plpgsql AS $fn$
     DECLARE only_store text;
     BEGIN
       IF NEW.status = 'active' AND NEW.lease_id IS NULL THEN
         only_store := ${SINGLE_STORE_OF('NEW', s)};
         IF only_store IS NOT NULL THEN
           NEW.lease_id := gen_random_uuid()::text;
           NEW.lease_store_id := only_store;
           NEW.lease_expires_at := NEW.valid_until;
         END IF;
       END IF;
       RETURN NEW;
     END $fn$`,
    `CREATE TRIGGER sync_lease_new_voucher BEFORE INSERT ON ${s}.vouchers FOR EACH ROW EXECUTE FUNCTION ${s}.sync_lease_new_voucher()`,
    fn(
      'sync_lease_row_for_voucher',
      `INSERT INTO ${s}.leases (merchant_id, id, voucher_id, store_id, uses, reason, granted_at, expires_at, updated_at)
       VALUES (NEW.merchant_id, NEW.lease_id, NEW.id, NEW.lease_store_id, NEW.uses - NEW.redeemed, 'single_store', now(),
               NEW.lease_expires_at, now());`,
    ),
    `CREATE TRIGGER sync_lease_row_for_voucher AFTER INSERT ON ${s}.vouchers FOR EACH ROW WHEN (NEW.lease_id IS NOT NULL)
     EXECUTE FUNCTION ${s}.sync_lease_row_for_voucher()`,
    fn(
      'sync_log_campaign',
      `IF TG_OP = 'UPDATE' AND NOT (${changed(CAMPAIGN_MIRRORED)}) THEN RETURN NULL; END IF;
       ${log('campaign', 'NEW.id', 'NULL')}`,
    ),
    `CREATE TRIGGER sync_log_campaign AFTER INSERT OR UPDATE ON ${s}.campaigns FOR EACH ROW EXECUTE FUNCTION ${s}.sync_log_campaign()`,
    // A store joining or leaving a campaign gains or loses the campaign and all its vouchers.
    `CREATE FUNCTION ${s}.sync_log_campaign_store() RETURNS trigger LANGUAGE plpgsql AS $fn$
     DECLARE r record;
     BEGIN
       IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
       ${log('campaign', 'r.campaign_id', 'r.store_id', 'r')}
       INSERT INTO ${s}.change_log (merchant_id, kind, entity_id, store_id)
         SELECT v.merchant_id, 'voucher', v.id, r.store_id FROM ${s}.vouchers AS v
          WHERE v.merchant_id = r.merchant_id AND v.campaign_id = r.campaign_id AND v.status = 'active';
       RETURN NULL;
     END $fn$`,
    `CREATE TRIGGER sync_log_campaign_store AFTER INSERT OR DELETE ON ${s}.campaign_stores FOR EACH ROW
     EXECUTE FUNCTION ${s}.sync_log_campaign_store()`,
    ...simple('sync_log_lease', 'leases', 'lease', 'NEW.id', 'NEW.store_id'),
    ...simple('sync_log_merchant_key', 'merchant_keys', 'merchant_key', 'NEW.kid', 'NULL'),
    ...simple('sync_log_store_policy', 'store_policies', 'store_policy', 'NEW.store_id', 'NEW.store_id'),
    `CREATE TRIGGER sync_log_store_manager AFTER INSERT OR UPDATE ON ${s}.store_managers FOR EACH ROW
     EXECUTE FUNCTION ${s}.sync_log_store_policy()`,
    ...simple('sync_log_conflict', 'redemption_conflicts', 'redemption', 'NEW.redemption_id', 'NEW.store_id'),
    // Pairing again gives a terminal a new token (and maybe a wiped outbox): its next push sets the base.
    fn(
      'sync_rebase_terminal',
      `UPDATE ${s}.device_sequences SET rebase = 1 WHERE merchant_id = NEW.merchant_id AND terminal_id = NEW.id;`,
    ),
    `CREATE TRIGGER sync_rebase_terminal AFTER UPDATE OF token_hash ON ${s}.terminals FOR EACH ROW
     WHEN (OLD.token_hash IS DISTINCT FROM NEW.token_hash) EXECUTE FUNCTION ${s}.sync_rebase_terminal()`,
  ];
}

function backfill(s: string): string[] {
  return [
    `UPDATE ${s}.vouchers AS v SET lease_id = gen_random_uuid()::text, lease_store_id = (${SINGLE_STORE_OF('v', s)}),
            lease_expires_at = v.valid_until
      WHERE v.status = 'active' AND (${SINGLE_STORE_OF('v', s)}) IS NOT NULL`,
    `INSERT INTO ${s}.leases (merchant_id, id, voucher_id, store_id, uses, reason, granted_at, expires_at, updated_at)
     SELECT merchant_id, lease_id, id, lease_store_id, uses - redeemed, 'single_store', now(), lease_expires_at, now()
       FROM ${s}.vouchers WHERE lease_id IS NOT NULL`,
  ];
}

export async function postgresSyncTriggers(db: Kysely<unknown>): Promise<void> {
  const current = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = current.rows[0]?.schema;
  if (!schema) throw new Error('PostgreSQL has no current schema');
  const s = `"${schema.replaceAll('"', '""')}"`;
  for (const statement of [...backfill(s), ...statements(s)]) await sql.raw(statement).execute(db);
}
