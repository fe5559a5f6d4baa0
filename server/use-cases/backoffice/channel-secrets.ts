import { z } from 'zod';
import { ok } from '../../../core/result';
import type { MerchantSession } from '../../repositories/backoffice/merchant-session';
import { runScript, type TransactionScript } from '../../repositories/backoffice/transaction-script';
import { userAuditInsert } from '../../repositories/backoffice/user-audit';
import type { ChannelSecretStore } from '../../repositories/sales/channel-secret-store';
import { failure, type AppFailure, type Outcome } from '../outcome';
import { CHANNEL_NAME } from '../sales/channel-event';
import type { BackofficeDeps } from './deps';

export const ChannelParams = z.object({ channel: z.string().regex(CHANNEL_NAME, 'a channel name: a-z, 0-9, _ or -, 2–32 characters') });
export const CreateChannelRequest = z.strictObject({ channel: ChannelParams.shape.channel });
export const RotateChannelRequest = z.strictObject({ graceMinutes: z.int().min(0).max(10_080).optional() });

const DEFAULT_GRACE_MINUTES = 1440;

export interface ChannelSecretView {
  id: string;
  /** `retiring`: rotated out, still accepted until notAfter. */
  status: 'active' | 'retiring';
  createdAt: string;
  notAfter: string | null;
}

/** The merchant's channels and their valid secrets, never the secrets themselves. */
export async function listChannels(deps: BackofficeDeps, merchantId: string): Promise<{ items: { channel: string; secrets: ChannelSecretView[] }[] }> {
  const nowIso = deps.now().toISOString();
  const rows = await deps.db.kysely
    .selectFrom('channel_secrets')
    .select(['channel', 'id', 'status', 'created_at', 'not_after'])
    .where('merchant_id', '=', merchantId)
    .where((eb) => eb.or([eb('status', '=', 'active'), eb('not_after', '>', nowIso)]))
    .orderBy('channel')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const byChannel = new Map<string, ChannelSecretView[]>();
  for (const row of rows) {
    const view: ChannelSecretView = { id: row.id, status: row.status === 'active' ? 'active' : 'retiring', createdAt: row.created_at, notAfter: row.not_after };
    byChannel.set(row.channel, [...(byChannel.get(row.channel) ?? []), view]);
  }
  return { items: [...byChannel].map(([channel, secrets]) => ({ channel, secrets })) };
}

export interface NewChannelSecret {
  channel: string;
  id: string;
  /** Shown once: only its sealed form is stored. */
  secret: string;
}

/**
 * `create`: the channel's first secret (refused when it has an active one). `rotate`: a new secret,
 * the active ones retired but still accepted for the grace period, so the channel can switch over.
 */
export async function changeChannelSecret(
  deps: BackofficeDeps,
  store: ChannelSecretStore,
  session: MerchantSession,
  channel: string,
  change: { kind: 'create' } | { kind: 'rotate'; graceMinutes?: number | undefined },
): Promise<Outcome<NewChannelSecret>> {
  const db = deps.db;
  const merchantId = session.merchant.id;
  const now = deps.now();
  const at = now.toISOString();
  const fresh = store.newSecretRow(merchantId, channel, now);

  function* script(): TransactionScript<AppFailure | null> {
    const active = (yield db.kysely
      .selectFrom('channel_secrets')
      .select('id')
      .where('merchant_id', '=', merchantId)
      .where('channel', '=', channel)
      .where('status', '=', 'active')
      .compile()).rows;
    if (change.kind === 'create' && active.length > 0) return failure('CHANNEL_EXISTS', `channel ${channel} already has a secret: rotate it`);
    if (change.kind === 'rotate' && active.length === 0) return failure('NOT_FOUND', `channel ${channel} has no secret to rotate`);
    const graceMinutes = change.kind === 'rotate' ? (change.graceMinutes ?? DEFAULT_GRACE_MINUTES) : 0;
    const notAfter = new Date(now.getTime() + graceMinutes * 60_000).toISOString();
    if (active.length > 0) {
      yield db.kysely
        .updateTable('channel_secrets')
        .set({ status: 'retired', retired_at: at, not_after: notAfter })
        .where('merchant_id', '=', merchantId)
        .where('channel', '=', channel)
        .where('status', '=', 'active')
        .compile();
    }
    yield db.kysely.insertInto('channel_secrets').values(fresh.row).compile();
    const details = change.kind === 'rotate' ? { channel, retired: active.length, graceMinutes } : { channel };
    yield userAuditInsert(db, { merchantId, userId: session.user.id, action: `channel_secret.${change.kind}`, subjectId: fresh.id, details, at }).compile();
    return null;
  }

  const refused = await runScript(db, script);
  if (refused) return refused;
  store.forget(merchantId, channel);
  return ok({ channel, id: fresh.id, secret: fresh.secret });
}
