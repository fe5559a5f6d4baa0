import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../../../server/server';
import { ApiClient } from '../../support/server/api-client';
import { loginBody } from '../../support/server/login-body';
import { BACKENDS, createBackend, type TestBackend } from '../../support/server/backends';
import { REPO_ROOT, runServerCli, waitForListening } from '../../support/server/cli';

interface AdminRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run admin -- …` as a child process (tsx), with `input` on its standard input. */
function admin(backend: TestBackend, args: string[], input = '', onTerminal = false): Promise<AdminRun> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HEXIAO_DATA_DIR: backend.dataDir };
  if (backend.options.databaseUrl) env['DATABASE_URL'] = backend.options.databaseUrl;
  if (backend.options.pgSchema) env['DATABASE_SCHEMA'] = backend.options.pgSchema;
  const command = [process.execPath, '--import', 'tsx', 'server/admin/admin-cli.ts', ...args];
  // util-linux `script` runs it on a pseudo-terminal, as a person at a terminal would.
  const [file, argv] = onTerminal ? ['script', ['-qec', command.join(' '), '/dev/null']] : [command[0] ?? '', command.slice(1)];
  const child = spawn(file, argv, { cwd: REPO_ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  child.stdin.end(input);
  return new Promise((done) => child.once('exit', (code) => done({ code, stdout, stderr })));
}

/** Signs in at the merchant with sign-in code `merchant` (found by the login when left out). */
async function signInStatus(backend: TestBackend, login: string, password: string, merchant?: string): Promise<number> {
  const server = await startServer({ ...backend.options, port: 0, demo: false, logLevel: 'silent' });
  try {
    const body = merchant ? { merchant, login, password } : await loginBody(server.db, login, password);
    return (await new ApiClient(server).post('/merchant/login', body)).status;
  } finally {
    await server.stop();
  }
}

// Every case starts tsx child processes: slow on a busy machine.
const CHILD_PROCESS_TIMEOUT = 180_000;

describe.each(BACKENDS)('npm run admin (%s)', (kind) => {
  const backends: TestBackend[] = [];
  afterAll(async () => {
    for (const b of backends) await b.cleanup();
  });
  const fresh = () => {
    const backend = createBackend(kind);
    backends.push(backend);
    return backend;
  };

  it('creates a merchant and its owner who can sign in, lists it, and resets the owner’s password from stdin', async () => {
    const backend = fresh();
    const created = await admin(backend, ['merchant', 'create', '--name', '一号商户', '--code', 'One', '--owner-login', 'Boss@One.Test', '--owner-password', '-', '--time-zone', 'Asia/Urumqi'], 'first-password-1\n');
    expect(created, created.stderr).toMatchObject({ code: 0 });
    expect(created.stdout).toContain('一号商户');
    expect(created.stdout).toContain('sign-in code one');
    expect(await signInStatus(backend, 'boss@one.test', 'first-password-1', 'one')).toBe(200);
    // Logins are unique per merchant: another merchant's owner may use the same one.
    const second = await admin(backend, ['merchant', 'create', '--name', '二号商户', '--code', 'two', '--owner-login', 'boss@one.test', '--owner-password', 'other-password-3']);
    expect(second, second.stderr).toMatchObject({ code: 0 });

    const listed = await admin(backend, ['merchant', 'list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/one\s+一号商户\s+Asia\/Urumqi\s+owners: boss@one\.test/);
    expect(listed.stdout).toMatch(/two\s+二号商户\s+Asia\/Shanghai\s+owners: boss@one\.test/);

    const reset = await admin(backend, ['owner', 'reset-password', '--merchant', 'one', '--login', 'boss@one.test', '--password', '-'], 'second-password-2\n');
    expect(reset.code, reset.stderr).toBe(0);
    expect(await signInStatus(backend, 'boss@one.test', 'first-password-1', 'one')).toBe(401);
    expect(await signInStatus(backend, 'boss@one.test', 'second-password-2', 'one')).toBe(200);
    expect(await signInStatus(backend, 'boss@one.test', 'other-password-3', 'two')).toBe(200);
    expect(await signInStatus(backend, 'boss@one.test', 'second-password-2', 'two')).toBe(401);
  }, CHILD_PROCESS_TIMEOUT);

  it.skipIf(!existsSync('/usr/bin/script'))('asks on a terminal for what is missing, without echoing the password', async () => {
    const backend = fresh();
    // A typo fixed with backspace, as typed.
    const run = await admin(backend, ['merchant', 'create', '--name', '终端商户'], 'tty@shop.test\rtty-passwordd\x7f-1\r', true);
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain('Owner password');
    expect(run.stdout.split('Owner password')[1]).not.toContain('tty-password');
    expect(await signInStatus(backend, 'tty@shop.test', 'tty-password-1')).toBe(200);
  }, CHILD_PROCESS_TIMEOUT);

  it('refuses bad or missing input with exit code 2, a taken login or unknown owner with 3, and writes nothing', async () => {
    const backend = fresh();
    expect((await admin(backend, ['merchant', 'create', '--name', 'A', '--code', 'shop-a', '--owner-login', 'a@a.test', '--owner-password', 'a-long-password'])).code).toBe(0);
    const cases: [string[], number, string][] = [
      [['merchant', 'create', '--name', 'B'], 2, '--owner-login is required'],
      [['merchant', 'create', '--name', 'B', '--owner-login', 'b@b.test', '--owner-password', 'short'], 2, '--owner-password'],
      [['merchant', 'create', '--name', 'B', '--owner-login', 'b@b.test', '--owner-password', 'a-long-password', '--time-zone', 'Mars/Base'], 2, 'Mars/Base'],
      [['merchant', 'create', '--name', 'B', '--code', 'Bad code!', '--owner-login', 'b@b.test', '--owner-password', 'a-long-password'], 2, '--code'],
      [['merchant', 'create', '--name', 'B', '--code', 'shop-a', '--owner-login', 'b@b.test', '--owner-password', 'a-long-password'], 3, 'already in use'],
      [['owner', 'reset-password', '--merchant', 'shop-a', '--login', 'nobody@x.test', '--password', 'a-long-password'], 3, 'no owner'],
      [['owner', 'reset-password', '--merchant', 'shop-b', '--login', 'a@a.test', '--password', 'a-long-password'], 3, 'no owner'],
      [['merchant', 'remove'], 2, 'unknown command'],
    ];
    for (const [args, code, message] of cases) {
      const run = await admin(backend, args);
      expect([run.code, run.stderr], args.join(' ')).toEqual([code, expect.stringContaining(message)]);
    }
    const listed = await admin(backend, ['merchant', 'list']);
    expect(listed.stdout.trim().split('\n')).toHaveLength(1);
  }, CHILD_PROCESS_TIMEOUT);

  it('has the server say how to create a merchant when the demo is off and there is none', async () => {
    const backend = fresh();
    const env: Record<string, string> = { PORT: '0', HEXIAO_DATA_DIR: backend.dataDir, HEXIAO_DEMO: '0', LOG_LEVEL: 'info' };
    if (backend.options.databaseUrl) env['DATABASE_URL'] = backend.options.databaseUrl;
    if (backend.options.pgSchema) env['DATABASE_SCHEMA'] = backend.options.pgSchema;
    const run = runServerCli(env);
    try {
      const url = await waitForListening(run);
      for (let i = 0; i < 100 && !run.stdout().includes('/admin'); i++) await new Promise((done) => setTimeout(done, 50));
      expect(run.stdout()).toContain('npm run admin -- merchant create');
      expect(run.stdout()).toContain(`${url}/admin`);
    } finally {
      run.child.kill('SIGTERM');
    }
    expect(await run.exited).toBe(0);
  }, CHILD_PROCESS_TIMEOUT);
});
