import { randomBytes } from 'node:crypto';
import { generateQrSigningKey, type QrPublicKey, type QrSigningKey } from '../../core/voucher-qr';
import type { Db } from '../db/database';
import { isUniqueViolation } from '../db/errors';
import { runScript } from '../repositories/sales/run-script';
import { TtlCache } from '../repositories/sales/ttl-cache';
import { one, stmt, textOrNull, type SqlScript } from '../repositories/sales/sql-script';
import { sealKey, unsealKey } from './key-sealing';

const CACHE_TTL_MS = 60_000;

/** A fresh key id: `k` + milliseconds in base 36 + 4 random characters (fits QrKeyId's 16). */
export function newKeyId(now: Date): string {
  return `k${now.getTime().toString(36)}${randomBytes(3).toString('base64url')}`;
}

export function keyContext(merchantId: string, kid: string): string {
  return `hexiao-merchant-key:${merchantId}:${kid}`;
}

/**
 * The merchants' Ed25519 QR signing keys: one active key per merchant (created on first use),
 * retired keys kept for verification until their notAfter. Private keys stay sealed in the
 * database and are opened only here.
 */
export class MerchantKeyStore {
  private readonly cache: TtlCache<QrSigningKey>;

  constructor(
    private readonly db: Db,
    private readonly kek: Uint8Array,
    private readonly now: () => Date,
  ) {
    this.cache = new TtlCache(CACHE_TTL_MS, () => now().getTime());
  }

  /** The merchant's active signing key, created when it has none. */
  async activeSigningKey(merchantId: string): Promise<QrSigningKey> {
    const key = await this.cache.get(merchantId, () => this.loadOrCreateActive(merchantId));
    if (!key) throw new Error('no active signing key after creating one');
    return key;
  }

  /** Keys a terminal should trust now: the active one, and retired ones until their notAfter. */
  async publicKeys(merchantId: string): Promise<QrPublicKey[]> {
    const nowIso = this.now().toISOString();
    const rows = await this.db.kysely
      .selectFrom('merchant_keys')
      .select(['kid', 'public_key', 'status', 'not_after'])
      .where('merchant_id', '=', merchantId)
      .where((eb) => eb.or([eb('status', '=', 'active'), eb('not_after', '>', nowIso)]))
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map((row) =>
      row.status === 'active' || !row.not_after
        ? { kid: row.kid, publicKey: row.public_key }
        : { kid: row.kid, publicKey: row.public_key, notAfter: Math.floor(new Date(row.not_after).getTime() / 1000) },
    );
  }

  /**
   * Makes a new active key and retires the old one. The old key keeps verifying until `retireAt`,
   * by default the last expiry among the merchant's active vouchers (they carry its signatures).
   */
  async rotate(merchantId: string, options: { retireAt?: Date } = {}): Promise<{ kid: string; retiredKid: string | null }> {
    const now = this.now();
    const { signingKey, publicKey } = generateQrSigningKey(newKeyId(now), (n) => randomBytes(n));
    const sealed = sealKey(this.kek, signingKey.secretKey, keyContext(merchantId, signingKey.kid));
    const retiredKid = await runScript(this.db, () => rotateScript(merchantId, publicKey, sealed, now, options.retireAt));
    this.cache.set(merchantId, signingKey);
    return { kid: signingKey.kid, retiredKid };
  }

  private async loadOrCreateActive(merchantId: string): Promise<QrSigningKey | undefined> {
    const existing = await this.loadActive(merchantId);
    if (existing) return existing;
    try {
      return await this.insertActive(merchantId);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Another node created it first.
      return this.loadActive(merchantId);
    }
  }

  private async loadActive(merchantId: string): Promise<QrSigningKey | undefined> {
    const row = await this.db.kysely
      .selectFrom('merchant_keys')
      .select(['kid', 'private_key_enc'])
      .where('merchant_id', '=', merchantId)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (!row) return undefined;
    const secretKey = unsealKey(this.kek, row.private_key_enc, keyContext(merchantId, row.kid));
    if (!secretKey) {
      throw new Error(`cannot open signing key ${row.kid}: HEXIAO_KEY_ENCRYPTION_KEY differs from the one that sealed it`);
    }
    return { kid: row.kid, secretKey };
  }

  private async insertActive(merchantId: string): Promise<QrSigningKey> {
    const now = this.now();
    const { signingKey, publicKey } = generateQrSigningKey(newKeyId(now), (n) => randomBytes(n));
    await this.db.kysely
      .insertInto('merchant_keys')
      .values({
        merchant_id: merchantId,
        kid: signingKey.kid,
        public_key: publicKey.publicKey,
        private_key_enc: sealKey(this.kek, signingKey.secretKey, keyContext(merchantId, signingKey.kid)),
        status: 'active',
        not_after: null,
        created_at: now.toISOString(),
        retired_at: null,
      })
      .execute();
    return signingKey;
  }
}

function* rotateScript(
  merchantId: string,
  publicKey: QrPublicKey,
  sealed: string,
  now: Date,
  retireAt: Date | undefined,
): SqlScript<string | null> {
  const nowIso = now.toISOString();
  let notAfter = retireAt?.toISOString() ?? nowIso;
  if (!retireAt) {
    const last = textOrNull(
      one(yield stmt(`SELECT max(valid_until) AS last FROM vouchers WHERE merchant_id = ? AND status = 'active'`, [merchantId])),
      'last',
    );
    if (last && new Date(last).getTime() > now.getTime()) notAfter = new Date(last).toISOString();
  }
  const retired = yield stmt(
    `UPDATE merchant_keys SET status = 'retired', retired_at = ?, not_after = ?
      WHERE merchant_id = ? AND status = 'active' RETURNING kid`,
    [nowIso, notAfter, merchantId],
  );
  yield stmt(
    `INSERT INTO merchant_keys (merchant_id, kid, public_key, private_key_enc, status, not_after, created_at, retired_at)
     VALUES (?, ?, ?, ?, 'active', NULL, ?, NULL)`,
    [merchantId, publicKey.kid, publicKey.publicKey, sealed, nowIso],
  );
  return textOrNull(one(retired), 'kid');
}
