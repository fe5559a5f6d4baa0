import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/database';
import type { Selectable } from 'kysely';
import type { ChannelSecretsTable } from '../../db/schema';
import { sealKey, unsealKey } from '../../keys/key-sealing';
import { newId } from '../../security/ids';
import { TtlCache } from './ttl-cache';

const CACHE_TTL_MS = 30_000;

type SecretRow = Pick<Selectable<ChannelSecretsTable>, 'id' | 'secret' | 'status' | 'sealed' | 'not_after'>;
interface OpenSecret {
  secret: string;
  /** Epoch ms after which a retired secret no longer signs; null while active. */
  until: number | null;
}

export function secretContext(merchantId: string, channel: string, id: string): string {
  return `hexiao-channel-secret:${merchantId}:${channel}:${id}`;
}

/**
 * Secrets a channel signs its webhooks with: a merchant's own, in the database and sealed under the
 * key-encryption key (an active one, plus rotated-out ones until their grace period ends), or, for
 * a merchant with none for that channel, the platform-wide ones from configuration (`CHANNEL_SECRETS`).
 * Another node sees a new secret within CACHE_TTL_MS; the node that made it, at once.
 */
export class ChannelSecretStore {
  private readonly cache: TtlCache<OpenSecret[]>;

  constructor(
    private readonly db: Db,
    private readonly configured: ReadonlyMap<string, readonly string[]>,
    private readonly kek: Uint8Array,
    private readonly clock: () => number = Date.now,
  ) {
    this.cache = new TtlCache(CACHE_TTL_MS, clock);
  }

  async secretsFor(merchantId: string, channel: string): Promise<string[]> {
    const stored = await this.cache.get(this.key(merchantId, channel), () => this.load(merchantId, channel));
    const now = this.clock();
    const valid = (stored ?? []).filter((s) => s.until === null || s.until > now).map((s) => s.secret);
    // A merchant with its own secret for the channel is signed for by that secret only: the
    // platform-wide one (CHANNEL_SECRETS) signs only for merchants that have none of their own.
    return valid.length > 0 ? valid : [...(this.configured.get(channel) ?? [])];
  }

  /** A new active secret for a merchant's channel (older active ones stay valid until retired). */
  async create(merchantId: string, channel: string, now = new Date(this.clock())): Promise<string> {
    const { secret, row } = this.newSecretRow(merchantId, channel, now);
    await this.db.kysely.insertInto('channel_secrets').values(row).execute();
    this.forget(merchantId, channel);
    return secret;
  }

  /** A fresh secret and its sealed row, for a caller that inserts it inside its own transaction. */
  newSecretRow(merchantId: string, channel: string, now: Date) {
    const secret = randomBytes(32).toString('base64url');
    const id = newId();
    const sealed = sealKey(this.kek, Buffer.from(secret, 'utf8'), secretContext(merchantId, channel, id));
    const row = { merchant_id: merchantId, channel, id, secret: sealed, sealed: 1, status: 'active' as const, created_at: now.toISOString(), retired_at: null, not_after: null };
    return { secret, id, row };
  }

  forget(merchantId: string, channel: string): void {
    this.cache.delete(this.key(merchantId, channel));
  }

  private key(merchantId: string, channel: string): string {
    return `${merchantId}/${channel}`;
  }

  private async load(merchantId: string, channel: string): Promise<OpenSecret[]> {
    const nowIso = new Date(this.clock()).toISOString();
    const rows: SecretRow[] = await this.db.kysely
      .selectFrom('channel_secrets')
      .select(['id', 'secret', 'status', 'sealed', 'not_after'])
      .where('merchant_id', '=', merchantId)
      .where('channel', '=', channel)
      .where((eb) => eb.or([eb('status', '=', 'active'), eb('not_after', '>', nowIso)]))
      .execute();
    return rows.flatMap((row) => {
      const secret = this.open(merchantId, channel, row);
      if (secret === null) return [];
      return [{ secret, until: row.status === 'active' || !row.not_after ? null : new Date(row.not_after).getTime() }];
    });
  }

  private open(merchantId: string, channel: string, row: SecretRow): string | null {
    if (row.sealed !== 1) return row.secret;
    const bytes = unsealKey(this.kek, row.secret, secretContext(merchantId, channel, row.id));
    return bytes ? Buffer.from(bytes).toString('utf8') : null;
  }
}
