import { utimesSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { demoFilePath, readFreshDemoFile } from '../../../build/launcher/demo-file';
import { useTempDir } from './temp-dir';

const tempDir = useTempDir('demo');
const demo = {
  serverUrl: 'http://127.0.0.1:8787',
  pairingCode: 'AB12-CD34',
  pairingExpiresAt: '2026-11-26T00:00:00.000Z',
  vouchers: [{ code: '123456789018', campaignTitle: '双人套餐', uses: 2, remaining: 2, storeNames: ['国贸店'] }],
};

describe('demo.json', () => {
  it('reads what the server wrote, keeping extra fields', async () => {
    const dir = tempDir();
    writeFileSync(demoFilePath(dir), JSON.stringify(demo));
    const read = await readFreshDemoFile(dir, Date.now() - 5000, 2000);
    expect(read).toMatchObject(demo);
  });

  it('waits for a file older than this start to be rewritten', async () => {
    const dir = tempDir();
    writeFileSync(demoFilePath(dir), JSON.stringify({ ...demo, pairingCode: 'OLD' }));
    utimesSync(demoFilePath(dir), 1000, 1000);
    const since = Date.now();
    const reading = readFreshDemoFile(dir, since, 5000);
    setTimeout(() => writeFileSync(demoFilePath(dir), JSON.stringify(demo)), 200);
    expect((await reading).pairingCode).toBe('AB12-CD34');
  });

  it('fails with the reason when the file never has the right shape', async () => {
    const dir = tempDir();
    writeFileSync(demoFilePath(dir), JSON.stringify({ serverUrl: 'x' }));
    await expect(readFreshDemoFile(dir, Date.now() - 5000, 300)).rejects.toThrow(/expected shape/);
  });
});
