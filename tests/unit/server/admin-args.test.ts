import { describe, expect, it } from 'vitest';
import { parseAdminArgs } from '../../../server/admin/admin-args';

describe('npm run admin arguments', () => {
  it('takes the operating commands with their file and options', () => {
    expect(parseAdminArgs(['backup', '/b/x.sqlite'])).toEqual({ ok: true, args: { command: 'backup', options: {}, target: '/b/x.sqlite' } });
    expect(parseAdminArgs(['restore', 'x.sqlite'])).toMatchObject({ ok: true, args: { command: 'restore', target: 'x.sqlite' } });
    expect(parseAdminArgs(['after-restore'])).toEqual({ ok: true, args: { command: 'after-restore', options: {} } });
    expect(parseAdminArgs(['keys', 'rotate', '--new-key-file=n.key', '--old-key-file', 'o.key'])).toEqual({
      ok: true,
      args: { command: 'keys rotate', options: { 'new-key-file': 'n.key', 'old-key-file': 'o.key' } },
    });
    expect(parseAdminArgs(['merchant', 'list'])).toEqual({ ok: true, args: { command: 'merchant list', options: {} } });
  });

  it('says what is wrong: a missing file, a second file, an option the command lacks, an unknown command', () => {
    expect(parseAdminArgs(['backup'])).toEqual({ ok: false, message: '"backup" needs a file: npm run admin -- backup <file>' });
    expect(parseAdminArgs(['backup', 'a', 'b'])).toEqual({ ok: false, message: 'unexpected argument "b"' });
    expect(parseAdminArgs(['after-restore', 'x'])).toEqual({ ok: false, message: 'unexpected argument "x"' });
    expect(parseAdminArgs(['keys', 'rotate', '--force'])).toEqual({ ok: false, message: '"keys rotate" has no option --force' });
    expect(parseAdminArgs(['keys', 'rotate', '--new-key-file'])).toEqual({ ok: false, message: '--new-key-file needs a value' });
    expect(parseAdminArgs(['keys', 'burn'])).toEqual({ ok: false, message: 'unknown command "keys burn"' });
    expect(parseAdminArgs(['constructor'])).toEqual({ ok: false, message: 'unknown command "constructor"' });
  });
});
