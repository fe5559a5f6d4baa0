import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMerchant } from '../../../server/repositories/merchant-setup';
import { ChannelSecretStore } from '../../../server/repositories/sales/channel-secret-store';
import { signedWebhookHeaders } from '../../../server/notifications/webhook-signature';
import { aliyunFailure } from '../../../server/notifications/aliyun-errors';
import { tencentFailure } from '../../../server/notifications/tencent-errors';
import { parseChannelSecrets } from '../../../server/use-cases/sales/sales-config';
import { errorCode, type ApiClient } from '../../support/server/api-client';
import { BACKENDS } from '../../support/server/backends';
import { auditRows, backofficeSnapshot, startSignedInBackoffice, type BackofficeServer, type BackofficeWorld } from './support/backoffice-world';

interface NewSecret {
  channel: string;
  id: string;
  secret: string;
}
interface ChannelList {
  items: { channel: string; secrets: { id: string; status: string; createdAt: string; notAfter: string | null }[] }[];
}

describe.each(BACKENDS)('per-merchant channel secrets (%s)', (kind) => {
  let running: BackofficeServer;
  let world: BackofficeWorld;
  let owner: ApiClient;
  let manager: ApiClient;
  let otherOwner: ApiClient;

  beforeAll(async () => {
    ({ running, world, owner, manager, otherOwner } = await startSignedInBackoffice(kind));
  });
  afterAll(async () => {
    await running?.stop();
  });

  /** Sends a body that is not JSON: a good signature gets as far as MALFORMED_JSON, a bad one stops at 401. */
  const deliver = async (channel: string, merchantId: string, secret: string) => {
    const body = 'not json';
    const ts = Math.floor(running.clock.now().getTime() / 1000);
    const res = await fetch(`${running.server.url}/api/v1/channels/${channel}/events`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-hexiao-merchant': merchantId, ...signedWebhookHeaders(secret, ts, body) },
      body,
    });
    return { status: res.status, code: ((await res.json()) as { error?: { code: string } }).error?.code };
  };
  const accepted = { status: 400, code: 'MALFORMED_JSON' };
  const refused = { status: 401, code: 'WEBHOOK_SIGNATURE_INVALID' };

  it('answers 401, not 500, for a channel named like an Object property', async () => {
    for (const channel of ['constructor', 'tostring', 'hasownproperty']) {
      expect(await deliver(channel, world.merchant.id, 'x'.repeat(32))).toEqual(refused);
    }
  });

  it('creates a secret shown once and sealed at rest, that signs only for its merchant', async () => {
    const created = await owner.post<NewSecret>('/merchant/channels', { channel: 'meituan' });
    expect(created.status).toBe(200);
    expect(created.body.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await running.server.db.kysely.selectFrom('channel_secrets').selectAll().where('id', '=', created.body.id).executeTakeFirstOrThrow();
    expect(row.sealed).toBe(1);
    expect(row.secret).not.toContain(created.body.secret);
    const list = await owner.get<ChannelList>('/merchant/channels');
    expect(list.body.items).toEqual([{ channel: 'meituan', secrets: [{ id: created.body.id, status: 'active', createdAt: row.created_at, notAfter: null }] }]);
    expect(JSON.stringify(list.body)).not.toContain(created.body.secret);

    expect(await deliver('meituan', world.merchant.id, created.body.secret)).toEqual(accepted);
    expect(await deliver('meituan', world.other.merchant.id, created.body.secret)).toEqual(refused);
    expect(await deliver('douyin', world.merchant.id, created.body.secret)).toEqual(refused);
    expect((await otherOwner.get<ChannelList>('/merchant/channels')).body.items).toEqual([]);
    const audit = (await auditRows(running.server.db, world.merchant.id)).filter((r) => r.action === 'channel_secret.create');
    expect(audit.map((r) => [r.actor_id, r.subject_id, r.details])).toEqual([[world.owner.id, created.body.id, { channel: 'meituan' }]]);
  });

  it('lets a platform-wide secret sign only for merchants without their own for that channel', async () => {
    const kek = new Uint8Array(randomBytes(32));
    const store = new ChannelSecretStore(running.server.db, new Map([['kuaishou', ['platform-secret-0123456789']]]), kek);
    const [one, two] = [await createMerchant(running.server.db, { name: '平台一' }), await createMerchant(running.server.db, { name: '平台二' })];
    expect(await store.secretsFor(one.id, 'kuaishou')).toEqual(['platform-secret-0123456789']);
    const own = await store.create(one.id, 'kuaishou');
    expect(await store.secretsFor(one.id, 'kuaishou')).toEqual([own]);
    // The other merchant has none of its own: the platform's applies; never the first one's.
    expect(await store.secretsFor(two.id, 'kuaishou')).toEqual(['platform-secret-0123456789']);
  });

  it('refuses a second create, a bad name, a manager and an unknown rotate without changing anything', async () => {
    const before = await backofficeSnapshot(running.server.db);
    const secretsBefore = await running.server.db.kysely.selectFrom('channel_secrets').selectAll().orderBy('id').execute();
    const again = await owner.post('/merchant/channels', { channel: 'meituan' });
    expect([again.status, errorCode(again)]).toEqual([409, 'CHANNEL_EXISTS']);
    const bad = await owner.post<{ error: { details: { fields: { field: string }[] } } }>('/merchant/channels', { channel: 'Bad Name' });
    expect([bad.status, errorCode(bad), bad.body.error.details.fields.map((f) => f.field)]).toEqual([400, 'VALIDATION_FAILED', ['channel']]);
    expect(errorCode(await manager.post('/merchant/channels', { channel: 'eleme' }))).toBe('FORBIDDEN');
    expect(errorCode(await manager.get('/merchant/channels'))).toBe('FORBIDDEN');
    const unknown = await owner.post('/merchant/channels/eleme/rotate', {});
    expect([unknown.status, errorCode(unknown)]).toEqual([404, 'NOT_FOUND']);
    expect(errorCode(await otherOwner.post('/merchant/channels/meituan/rotate', {}))).toBe('NOT_FOUND');
    expect(errorCode(await owner.post('/merchant/channels/meituan/rotate', { graceMinutes: -1 }))).toBe('VALIDATION_FAILED');
    expect(await backofficeSnapshot(running.server.db)).toEqual(before);
    expect(await running.server.db.kysely.selectFrom('channel_secrets').selectAll().orderBy('id').execute()).toEqual(secretsBefore);
  });

  it('rotates: the old secret keeps signing for the grace period, then stops', async () => {
    const first = await owner.post<NewSecret>('/merchant/channels', { channel: 'kuaishou' });
    const rotated = await owner.post<NewSecret>('/merchant/channels/kuaishou/rotate', { graceMinutes: 10 });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(first.body.secret);
    expect(await deliver('kuaishou', world.merchant.id, rotated.body.secret)).toEqual(accepted);
    expect(await deliver('kuaishou', world.merchant.id, first.body.secret)).toEqual(accepted);
    const list = await owner.get<ChannelList>('/merchant/channels');
    const kuaishou = list.body.items.find((i) => i.channel === 'kuaishou');
    expect(kuaishou?.secrets.map((s) => [s.id, s.status])).toEqual([
      [rotated.body.id, 'active'],
      [first.body.id, 'retiring'],
    ]);
    running.clock.advance(11 * 60_000);
    expect(await deliver('kuaishou', world.merchant.id, first.body.secret)).toEqual(refused);
    expect(await deliver('kuaishou', world.merchant.id, rotated.body.secret)).toEqual(accepted);
    const after = await owner.get<ChannelList>('/merchant/channels');
    expect(after.body.items.find((i) => i.channel === 'kuaishou')?.secrets.map((s) => s.id)).toEqual([rotated.body.id]);
    const audit = (await auditRows(running.server.db, world.merchant.id)).filter((r) => r.action === 'channel_secret.rotate');
    expect(audit.map((r) => r.details)).toEqual([{ channel: 'kuaishou', retired: 1, graceMinutes: 10 }]);
  });
});

describe('user-chosen keys never find Object properties', () => {
  it('parses CHANNEL_SECRETS into a map, constructor included', () => {
    const secrets = parseChannelSecrets('douyin:aaaaaaaaaaaaaaaa,constructor:bbbbbbbbbbbbbbbb,douyin:cccccccccccccccc');
    expect(secrets).toEqual(new Map([['douyin', ['aaaaaaaaaaaaaaaa', 'cccccccccccccccc']], ['constructor', ['bbbbbbbbbbbbbbbb']]]));
    expect(parseChannelSecrets('')?.get('constructor')).toBeUndefined();
  });

  it('maps provider error codes named like Object properties to a plain rejection', () => {
    for (const code of ['constructor', 'toString', '__proto__']) {
      expect(aliyunFailure(code, 'x', 400).code).toBe('PROVIDER_REJECTED');
      expect(tencentFailure(code, 'x').code).toBe('PROVIDER_REJECTED');
    }
  });
});
