import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberPhonesE164 } from '../../../server/db/migrations/008-member-phones-e164';
import { createMerchant } from '../../../server/repositories/merchant-setup';
import { newId } from '../../../server/security/ids';
import { startServer, type RunningServer } from '../../../server/server';
import { BACKENDS, createBackend, type TestBackend } from '../../support/server/backends';

describe.each(BACKENDS)('migration 008: member phones in E.164 (%s)', (kind) => {
  let backend: TestBackend;
  let server: RunningServer;
  beforeAll(async () => {
    backend = createBackend(kind);
    server = await startServer({ ...backend.options, port: 0, demo: false, logLevel: 'silent' });
  });
  afterAll(async () => {
    await server?.stop();
    await backend?.cleanup();
  });

  it('rewrites counter-typed digits to E.164 unless the E.164 twin exists, and leaves other numbers alone', async () => {
    const db = server.db.kysely;
    const merchant = await createMerchant(server.db, { name: '迁移商户' });
    const at = new Date().toISOString();
    const member = (phone: string) => ({ merchant_id: merchant.id, id: newId(), phone, created_at: at, updated_at: at });
    // Written as the counter used to write them, straight into the table.
    await db.insertInto('members').values([member('13800001111'), member('13900002222'), member('+8613900002222'), member('+85291234567'), member('12345678901')]).execute();

    await memberPhonesE164(kind).up(db as unknown as Kysely<unknown>);

    const phones = await db.selectFrom('members').select('phone').where('merchant_id', '=', merchant.id).orderBy('phone').execute();
    expect(phones.map((p) => p.phone).sort()).toEqual(['+8613800001111', '+8613900002222', '+85291234567', '12345678901', '13900002222'].sort());
    const twins = await sql<{ n: number }>`select count(*) as n from members where merchant_id = ${merchant.id} and phone like ${'%13900002222'}`.execute(db);
    expect(Number(twins.rows[0]?.n)).toBe(2);
  });
});
