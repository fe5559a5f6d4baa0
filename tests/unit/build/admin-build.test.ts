import { describe, expect, it } from 'vitest';
import { ensureAdminBuilt, type AdminBuildDeps } from '../../../build/launcher/admin-build';
import { resolve } from 'node:path';
import { ADMIN_SOURCES } from '../../../build/launcher/app-build';
import { adminOutDir } from '../../../renderer/admin/vite.config';
import { DEFAULT_ADMIN_DIR } from '../../../server/http/admin-app';

function deps(over: Partial<AdminBuildDeps> & { stale?: boolean; fails?: boolean } = {}) {
  const lines: string[] = [];
  let builds = 0;
  const d: AdminBuildDeps = {
    env: {},
    isStale: () => over.stale ?? true,
    build: async () => {
      builds += 1;
      if (over.fails) throw new Error('vite: out of memory');
    },
    log: (line) => lines.push(line),
    warn: (line) => lines.push(line),
    ...over,
  };
  return { d, lines, builds: () => builds };
}

describe('npm start builds the back office', () => {
  it('builds it when stale and says so', async () => {
    const { d, lines, builds } = deps();
    expect(await ensureAdminBuilt(d)).toBe(true);
    expect(builds()).toBe(1);
    expect(lines).toEqual(['Building the back office…']);
  });

  it('leaves a fresh build, and a copy named by HEXIAO_ADMIN_DIR, alone', async () => {
    const fresh = deps({ stale: false });
    expect(await ensureAdminBuilt(fresh.d)).toBe(true);
    const elsewhere = deps({ env: { HEXIAO_ADMIN_DIR: '/srv/admin' } });
    expect(await ensureAdminBuilt(elsewhere.d)).toBe(true);
    expect(fresh.builds() + elsewhere.builds()).toBe(0);
  });

  it('reports a failed build without stopping the launcher', async () => {
    const { d, lines } = deps({ fails: true });
    expect(await ensureAdminBuilt(d)).toBe(false);
    expect(lines.at(-1)).toContain('the back office did not build, so /admin says so: vite: out of memory');
  });

  it('builds where the server looks by default', () => {
    expect(resolve(adminOutDir)).toBe(resolve(DEFAULT_ADMIN_DIR));
  });

  it('counts the shared code and the error wording as the back office’s sources', () => {
    for (const folder of ['renderer/admin', 'renderer/shared', 'renderer/i18n', 'core']) {
      expect(ADMIN_SOURCES.some((source) => source.replace(/\\/g, '/').endsWith(folder)), folder).toBe(true);
    }
  });
});
