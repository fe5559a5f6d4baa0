import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../server/server';
import { ApiClient } from '../../support/server/api-client';
import { BACKENDS, createBackend, type TestBackend } from '../../support/server/backends';
import { signIn } from './support/backoffice-world';

describe.each(BACKENDS)('demo back-office users (%s)', (kind) => {
  const backend: TestBackend = createBackend(kind);
  let server: RunningServer | undefined;
  afterAll(async () => {
    await server?.stop();
    await backend.cleanup();
  });

  it('seeds an owner and a manager whose printed passwords sign in to the demo merchant', async () => {
    server = await startServer({ ...backend.options, port: 0, logLevel: 'silent' });
    const demo = server.demo!;
    expect(demo.backOffice?.map((u) => [u.login, u.role])).toEqual([
      ['owner@demo', 'owner'],
      ['manager@demo', 'manager'],
    ]);
    for (const user of demo.backOffice!) {
      const client = await signIn(server, user.login, user.password);
      const me = await client.get<{ user: { role: string }; merchant: { id: string } }>('/merchant/me');
      expect(me.body).toMatchObject({ user: { role: user.role }, merchant: { id: demo.merchant.id } });
    }
    const owner = await signIn(server, 'owner@demo', demo.backOffice![0]!.password);
    const campaigns = await owner.get<{ campaigns: { title: string }[] }>('/merchant/campaigns');
    expect(campaigns.body.campaigns.map((c) => c.title)).toContain('微美食 双人套餐 闪购券');
    expect((await new ApiClient(server).post('/merchant/login', { merchant: 'demo', login: 'owner@demo', password: 'wrong-password' })).status).toBe(401);
  });
});
