import { sql, type Kysely } from 'kysely';

const NOW = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

const log = (kind: string, entity: string, store: string) =>
  `INSERT INTO change_log (merchant_id, kind, entity_id, store_id) VALUES (NEW.merchant_id, '${kind}', ${entity}, ${store});`;

/** The one store a voucher is valid at (its home store, or its campaign's only store), else NULL. */
export const SINGLE_STORE_OF = (v: string) => `CASE WHEN ${v}.home_store_id IS NOT NULL THEN
  (SELECT cs.store_id FROM campaign_stores AS cs
    WHERE cs.merchant_id = ${v}.merchant_id AND cs.campaign_id = ${v}.campaign_id AND cs.store_id = ${v}.home_store_id)
  ELSE (SELECT CASE WHEN count(*) = 1 THEN min(cs.store_id) END FROM campaign_stores AS cs
         WHERE cs.merchant_id = ${v}.merchant_id AND cs.campaign_id = ${v}.campaign_id) END`;

/** Only columns a terminal mirrors make a voucher change worth sending. */
const VOUCHER_MIRRORED = ['redeemed', 'status', 'uses', 'valid_from', 'valid_until', 'buyer_phone', 'home_store_id', 'campaign_id', 'code'];
const CAMPAIGN_MIRRORED = ['title', 'kind', 'face_value_fen', 'min_spend_fen', 'validity_rules'];
const changed = (columns: string[]) => columns.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');

/** The store a voucher change concerns: its home store, its campaign's only store, or every store (NULL). */
const VOUCHER_SCOPE = `coalesce(NEW.home_store_id, (SELECT CASE WHEN count(*) = 1 THEN min(cs.store_id) END FROM campaign_stores AS cs
  WHERE cs.merchant_id = NEW.merchant_id AND cs.campaign_id = NEW.campaign_id))`;

const STATEMENTS = [
  `CREATE TRIGGER sync_log_voucher_insert AFTER INSERT ON vouchers BEGIN ${log('voucher', 'NEW.id', VOUCHER_SCOPE)} END`,
  `CREATE TRIGGER sync_log_voucher_update AFTER UPDATE ON vouchers WHEN ${changed(VOUCHER_MIRRORED)} BEGIN
     ${log('voucher', 'NEW.id', VOUCHER_SCOPE)}
     INSERT INTO change_log (merchant_id, kind, entity_id, store_id)
       SELECT NEW.merchant_id, 'voucher', NEW.id, OLD.home_store_id
        WHERE OLD.home_store_id IS NOT NULL AND OLD.home_store_id IS NOT NEW.home_store_id;
   END`,
  // A voucher valid at exactly one store is leased to it whole when issued, until it expires.
  `CREATE TRIGGER sync_lease_single_store AFTER INSERT ON vouchers
   WHEN NEW.status = 'active' AND NEW.lease_id IS NULL AND (${SINGLE_STORE_OF('NEW')}) IS NOT NULL BEGIN
     INSERT INTO leases (merchant_id, id, voucher_id, store_id, uses, reason, granted_at, expires_at, updated_at)
       VALUES (NEW.merchant_id, lower(hex(randomblob(16))), NEW.id, (${SINGLE_STORE_OF('NEW')}), NEW.uses - NEW.redeemed,
               'single_store', ${NOW}, NEW.valid_until, ${NOW});
     UPDATE vouchers SET (lease_id, lease_store_id, lease_expires_at) =
       (SELECT l.id, l.store_id, l.expires_at FROM leases AS l
         WHERE l.merchant_id = NEW.merchant_id AND l.voucher_id = NEW.id AND l.revoked_at IS NULL)
      WHERE merchant_id = NEW.merchant_id AND id = NEW.id;
   END`,
  `CREATE TRIGGER sync_log_campaign_insert AFTER INSERT ON campaigns BEGIN ${log('campaign', 'NEW.id', 'NULL')} END`,
  `CREATE TRIGGER sync_log_campaign_update AFTER UPDATE ON campaigns WHEN ${changed(CAMPAIGN_MIRRORED)} BEGIN
     ${log('campaign', 'NEW.id', 'NULL')}
   END`,
  // A store joining or leaving a campaign gains or loses the campaign and all its vouchers.
  ...(['insert', 'delete'] as const).map(
    (op) => `CREATE TRIGGER sync_log_campaign_store_${op} AFTER ${op.toUpperCase()} ON campaign_stores BEGIN
     INSERT INTO change_log (merchant_id, kind, entity_id, store_id)
       VALUES (${op === 'insert' ? 'NEW' : 'OLD'}.merchant_id, 'campaign', ${op === 'insert' ? 'NEW' : 'OLD'}.campaign_id, ${op === 'insert' ? 'NEW' : 'OLD'}.store_id);
     INSERT INTO change_log (merchant_id, kind, entity_id, store_id)
       SELECT v.merchant_id, 'voucher', v.id, ${op === 'insert' ? 'NEW' : 'OLD'}.store_id FROM vouchers AS v
        WHERE v.merchant_id = ${op === 'insert' ? 'NEW' : 'OLD'}.merchant_id AND v.campaign_id = ${op === 'insert' ? 'NEW' : 'OLD'}.campaign_id
          AND v.status = 'active';
   END`,
  ),
  `CREATE TRIGGER sync_log_lease_insert AFTER INSERT ON leases BEGIN ${log('lease', 'NEW.id', 'NEW.store_id')} END`,
  `CREATE TRIGGER sync_log_lease_update AFTER UPDATE ON leases BEGIN ${log('lease', 'NEW.id', 'NEW.store_id')} END`,
  `CREATE TRIGGER sync_log_merchant_key_insert AFTER INSERT ON merchant_keys BEGIN ${log('merchant_key', 'NEW.kid', 'NULL')} END`,
  `CREATE TRIGGER sync_log_merchant_key_update AFTER UPDATE ON merchant_keys
   WHEN OLD.status IS NOT NEW.status OR OLD.not_after IS NOT NEW.not_after OR OLD.public_key IS NOT NEW.public_key BEGIN
     ${log('merchant_key', 'NEW.kid', 'NULL')}
   END`,
  `CREATE TRIGGER sync_log_store_policy_insert AFTER INSERT ON store_policies BEGIN ${log('store_policy', 'NEW.store_id', 'NEW.store_id')} END`,
  `CREATE TRIGGER sync_log_store_policy_update AFTER UPDATE ON store_policies BEGIN ${log('store_policy', 'NEW.store_id', 'NEW.store_id')} END`,
  `CREATE TRIGGER sync_log_store_manager_insert AFTER INSERT ON store_managers BEGIN ${log('store_policy', 'NEW.store_id', 'NEW.store_id')} END`,
  `CREATE TRIGGER sync_log_store_manager_update AFTER UPDATE ON store_managers BEGIN ${log('store_policy', 'NEW.store_id', 'NEW.store_id')} END`,
  `CREATE TRIGGER sync_log_conflict_insert AFTER INSERT ON redemption_conflicts BEGIN ${log('redemption', 'NEW.redemption_id', 'NEW.store_id')} END`,
  `CREATE TRIGGER sync_log_conflict_update AFTER UPDATE ON redemption_conflicts BEGIN ${log('redemption', 'NEW.redemption_id', 'NEW.store_id')} END`,
  // Pairing again gives a terminal a new token (and maybe a wiped outbox): its next push sets the base.
  `CREATE TRIGGER sync_rebase_terminal AFTER UPDATE OF token_hash ON terminals WHEN OLD.token_hash IS NOT NEW.token_hash BEGIN
     UPDATE device_sequences SET rebase = 1 WHERE merchant_id = NEW.merchant_id AND terminal_id = NEW.id;
   END`,
];

/** Leases for vouchers issued before this migration, as the trigger grants them from now on. */
const BACKFILL = [
  `INSERT INTO leases (merchant_id, id, voucher_id, store_id, uses, reason, granted_at, expires_at, updated_at)
   SELECT v.merchant_id, lower(hex(randomblob(16))), v.id, (${SINGLE_STORE_OF('v')}), v.uses - v.redeemed,
          'single_store', ${NOW}, v.valid_until, ${NOW}
     FROM vouchers AS v WHERE v.status = 'active' AND (${SINGLE_STORE_OF('v')}) IS NOT NULL`,
  `UPDATE vouchers SET (lease_id, lease_store_id, lease_expires_at) =
     (SELECT l.id, l.store_id, l.expires_at FROM leases AS l
       WHERE l.merchant_id = vouchers.merchant_id AND l.voucher_id = vouchers.id AND l.revoked_at IS NULL)
    WHERE EXISTS (SELECT 1 FROM leases AS l WHERE l.merchant_id = vouchers.merchant_id AND l.voucher_id = vouchers.id)`,
];

export async function sqliteSyncTriggers(db: Kysely<unknown>): Promise<void> {
  for (const statement of [...BACKFILL, ...STATEMENTS]) await sql.raw(statement).execute(db);
}
