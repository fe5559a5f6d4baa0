/** `npm run admin -- <group> <command> [--option value]…`, parsed without a library. */
export interface AdminArgs {
  command: Command | 'help';
  options: Record<string, string>;
  /** The one positional word a command takes (`backup <path>`). */
  target?: string;
}

export const USAGE = `Hexiao back-office administration

  npm run admin -- merchant create --name <merchant name> --owner-login <e-mail or mobile>
                   --owner-password <password | -> [--code <sign-in code>] [--owner-name <name>] [--time-zone Asia/Shanghai]
  npm run admin -- merchant list
  npm run admin -- owner reset-password --merchant <sign-in code> --login <e-mail or mobile> --password <password | ->

  --code        the merchant's sign-in code (2–32 lowercase letters, digits, dashes), typed with each
                back-office login; a generated one when left out (merchant list shows it)

  npm run admin -- backup <file>         SQLite: a consistent copy of the live database (the server may keep running)
  npm run admin -- restore <file>        SQLite, server stopped: put a backup in place (the current file is kept aside)
  npm run admin -- after-restore         PostgreSQL, after pg_restore: make every till start its sync over
  npm run admin -- keys generate         print a new random key-encryption key
  npm run admin -- keys rotate --new-key-file <file> [--old-key-file <file>]
                   seal every stored secret again under the new key (the old one: --old-key-file,
                   HEXIAO_KEY_ENCRYPTION_KEY, or the key file in HEXIAO_DATA_DIR, which is then replaced)

  --owner-password - / --password -   read the password from the first line of standard input
  Options left out are asked for when run on a terminal.
  The database is the server's: DATABASE_URL (PostgreSQL) or the SQLite file in HEXIAO_DATA_DIR (default ./data).
  See docs/operations.md for backups, restores and key rotation.
`;

interface CommandShape {
  options: readonly string[];
  /** Name of the positional word it requires, if any. */
  target?: string;
}

const COMMANDS = {
  'merchant create': { options: ['name', 'code', 'owner-login', 'owner-password', 'owner-name', 'time-zone'] },
  'merchant list': { options: [] },
  'owner reset-password': { options: ['merchant', 'login', 'password'] },
  backup: { options: [], target: 'file' },
  restore: { options: [], target: 'file' },
  'after-restore': { options: [] },
  'keys generate': { options: [] },
  'keys rotate': { options: ['new-key-file', 'old-key-file'] },
} as const satisfies Record<string, CommandShape>;

export type Command = keyof typeof COMMANDS;

export type ParsedArgs = { ok: true; args: AdminArgs } | { ok: false; message: string };

export function parseAdminArgs(argv: readonly string[]): ParsedArgs {
  const words = argv.filter((w) => !w.startsWith('--'));
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h') || words[0] === 'help') {
    return { ok: true, args: { command: 'help', options: {} } };
  }
  const two = `${argv[0] ?? ''} ${argv[1] ?? ''}`;
  const command = Object.hasOwn(COMMANDS, two) ? two : argv[0] ?? '';
  if (!Object.hasOwn(COMMANDS, command)) return { ok: false, message: `unknown command "${two.trim()}"` };
  const shape: CommandShape = COMMANDS[command as Command];
  const options: Record<string, string> = {};
  let target: string | undefined;
  for (let i = command.split(' ').length; i < argv.length; i++) {
    const word = argv[i] ?? '';
    if (!word.startsWith('--')) {
      if (shape.target && target === undefined && word !== '') {
        target = word;
        continue;
      }
      return { ok: false, message: `unexpected argument "${word}"` };
    }
    const flag = word.slice(2).split('=')[0] ?? '';
    const inline = word.includes('=') ? word.slice(word.indexOf('=') + 1) : undefined;
    if (!flag) return { ok: false, message: `unexpected argument "${word}"` };
    if (!shape.options.includes(flag)) return { ok: false, message: `"${command}" has no option --${flag}` };
    const value = inline ?? argv[++i];
    if (value === undefined) return { ok: false, message: `--${flag} needs a value` };
    options[flag] = value;
  }
  if (shape.target && target === undefined) return { ok: false, message: `"${command}" needs a ${shape.target}: npm run admin -- ${command} <${shape.target}>` };
  return { ok: true, args: { command: command as Command, options, ...(target === undefined ? {} : { target }) } };
}
