import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/database';
import { newId } from '../../security/ids';
import { TtlCache } from './ttl-cache';

const CACHE_TTL_MS = 30_000;

/**
 * Secrets a channel signs its webhooks with: platform-wide ones from configuration
 * (`CHANNEL_SECRETS`), and per-merchant ones in the database (several while rotating).
 */
export class ChannelSecretStore {
  private readonly cache: TtlCache<string[]>;

  constructor(
    private readonly db: Db,
    private readonly configured: Readonly<Record<string, readonly string[]>>,
    clock: () => number = Date.now,
  ) {
    this.cache = new TtlCache(CACHE_TTL_MS, clock);
  }

  async secretsFor(merchantId: string, channel: string): Promise<string[]> {
    const stored = await this.cache.get(`${merchantId}/${channel}`, async () => {
      const rows = await this.db.kysely
        .selectFrom('channel_secrets')
        .select('secret')
        .where('merchant_id', '=', merchantId)
        .where('channel', '=', channel)
        .where('status', '=', 'active')
        .execute();
      return rows.map((r) => r.secret);
    });
    return [...(stored ?? []), ...(this.configured[channel] ?? [])];
  }

  /** A new active secret for a merchant's channel (older ones stay valid until retired). */
  async create(merchantId: string, channel: string, now = new Date()): Promise<string> {
    const secret = randomBytes(32).toString('base64url');
    await this.db.kysely
      .insertInto('channel_secrets')
      .values({ merchant_id: merchantId, channel, id: newId(), secret, status: 'active', created_at: now.toISOString(), retired_at: null })
      .execute();
    this.cache.delete(`${merchantId}/${channel}`);
    return secret;
  }
}
