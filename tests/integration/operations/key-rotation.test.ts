import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rotateKeyEncryptionKey, RotationRefused } from '../../../server/admin/key-rotation';
import type { Db } from '../../../server/db/database';
import { KEK_FILE_NAME, parseKeyEncryptionKey } from '../../../server/keys/key-encryption-key';
import { createMerchant } from '../../../server/repositories/merchant-setup';
import { startServer, type RunningServer } from '../../../server/server';
import { BACKENDS, createBackend, type TestBackend } from '../../support/server/backends';
import { runAdmin } from './admin-run';

const newKey = () => new Uint8Array(randomBytes(32));

/** Every sealed column, to compare before and after. */
async function sealedRows(db: Db) {
  return {
    keys: await db.kysely.selectFrom('merchant_keys').select(['merchant_id', 'kid', 'private_key_enc']).orderBy('kid').execute(),
    secrets: await db.kysely.selectFrom('channel_secrets').select(['merchant_id', 'channel', 'id', 'secret', 'sealed']).orderBy('id').execute(),
  };
}

/** A merchant with a signing key, a sealed channel secret, and a secret stored in plain text as before migration 014. */
async function merchantWithSecrets(server: RunningServer) {
  const merchant = await createMerchant(server.db, { name: `kek-${randomUUID().slice(0, 8)}` });
  const kid = (await server.sales.deps.keys.activeSigningKey(merchant.id)).kid;
  const sealed = await server.sales.deps.channelSecrets.create(merchant.id, 'douyin');
  const plain = `plain-${randomUUID()}`;
  const at = new Date().toISOString();
  await server.db.kysely
    .insertInto('channel_secrets')
    .values({ merchant_id: merchant.id, channel: 'kuaishou', id: randomUUID(), secret: plain, sealed: 0, status: 'active', created_at: at, retired_at: null, not_after: null })
    .execute();
  return { merchant, kid, sealed, plain };
}

describe.each(BACKENDS)('key-encryption-key rotation (%s)', (kind) => {
  let backend: TestBackend;
  const oldKek = newKey();
  const start = (kek: Uint8Array) => startServer({ ...backend.options, port: 0, demo: false, logLevel: 'silent', sales: { jobs: false, keyEncryptionKey: kek } });

  beforeAll(() => {
    backend = createBackend(kind);
  });
  afterAll(async () => {
    await backend?.cleanup();
  });

  it('seals every secret again under the new key, and a server on the new key opens them all', async () => {
    let server = await start(oldKek);
    const world = await merchantWithSecrets(server);
    const before = await sealedRows(server.db);
    const newKek = newKey();

    // Wrong old key: refused, nothing changed.
    await expect(rotateKeyEncryptionKey(server.db, newKey(), newKek)).rejects.toBeInstanceOf(RotationRefused);
    expect(await sealedRows(server.db)).toEqual(before);

    const first = await rotateKeyEncryptionKey(server.db, oldKek, newKek);
    expect(first).toEqual({ resealed: before.keys.length + before.secrets.length - 1, alreadyNew: 0, sealedNow: 1 });
    const again = await rotateKeyEncryptionKey(server.db, oldKek, newKek);
    expect(again).toEqual({ resealed: 0, alreadyNew: before.keys.length + before.secrets.length, sealedNow: 0 });
    const after = await sealedRows(server.db);
    expect(after.keys.map((k) => k.kid)).toEqual(before.keys.map((k) => k.kid));
    expect(after.secrets.every((s) => s.sealed === 1 && s.secret !== world.plain)).toBe(true);
    await server.stop();

    server = await start(newKek);
    try {
      expect((await server.sales.deps.keys.activeSigningKey(world.merchant.id)).kid).toBe(world.kid);
      expect(await server.sales.deps.channelSecrets.secretsFor(world.merchant.id, 'douyin')).toEqual([world.sealed]);
      expect(await server.sales.deps.channelSecrets.secretsFor(world.merchant.id, 'kuaishou')).toEqual([world.plain]);
      // A row a node still on the old key wrote after the rotation: the next run seals only that one.
      const straggler = await merchantWithSecrets(await startStraggler(oldKek));
      const third = await rotateKeyEncryptionKey(server.db, oldKek, newKek);
      expect([third.resealed, third.sealedNow]).toEqual([2, 1]);
      expect((await server.sales.deps.keys.activeSigningKey(straggler.merchant.id)).kid).toBe(straggler.kid);
    } finally {
      await server.stop();
      await stragglers.splice(0).reduce((p, s) => p.then(() => s.stop()), Promise.resolve());
    }
  });

  const stragglers: RunningServer[] = [];
  async function startStraggler(kek: Uint8Array) {
    const server = await start(kek);
    stragglers.push(server);
    return server;
  }
});

describe('npm run admin -- keys rotate on the SQLite key file', () => {
  let backend: TestBackend;
  beforeAll(() => {
    backend = createBackend('sqlite');
  });
  afterAll(async () => {
    await backend?.cleanup();
  });

  it('rotates from the key file beside the database, replaces it, and changes nothing when run again', async () => {
    const start = () => startServer({ dataDir: backend.dataDir, port: 0, demo: false, logLevel: 'silent', sales: { jobs: false } });
    let server = await start();
    const world = await merchantWithSecrets(server);
    await server.stop();

    const env = { HEXIAO_DATA_DIR: backend.dataDir };
    const generated = await runAdmin(['keys', 'generate'], env);
    expect(generated.code).toBe(0);
    const newKeyFile = join(backend.dataDir, 'new.key');
    writeFileSync(newKeyFile, generated.stdout);
    expect(parseKeyEncryptionKey(generated.stdout)).not.toBeNull();

    const missing = await runAdmin(['keys', 'rotate'], env);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining('--new-key-file is required')]);
    const rotated = await runAdmin(['keys', 'rotate', '--new-key-file', newKeyFile], env);
    expect(rotated, rotated.stderr).toMatchObject({ code: 0 });
    expect(rotated.stdout).toContain('sealed again under the new key: 2; already under it: 0; plain secrets sealed now: 1');
    expect(readFileSync(join(backend.dataDir, KEK_FILE_NAME), 'utf8').trim()).toBe(generated.stdout.trim());

    const rerun = await runAdmin(['keys', 'rotate', '--new-key-file', newKeyFile], env);
    expect(rerun.stdout).toContain('sealed again under the new key: 0; already under it: 3');

    server = await start();
    try {
      expect((await server.sales.deps.keys.activeSigningKey(world.merchant.id)).kid).toBe(world.kid);
      expect(await server.sales.deps.channelSecrets.secretsFor(world.merchant.id, 'douyin')).toEqual([world.sealed]);
    } finally {
      await server.stop();
    }
  }, 240_000);
});
