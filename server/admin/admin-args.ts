/** `npm run admin -- <group> <command> [--option value]…`, parsed without a library. */
export interface AdminArgs {
  command: 'merchant create' | 'merchant list' | 'owner reset-password' | 'help';
  options: Record<string, string>;
}

export const USAGE = `Hexiao back-office administration

  npm run admin -- merchant create --name <merchant name> --owner-login <e-mail or mobile>
                   --owner-password <password | -> [--code <sign-in code>] [--owner-name <name>] [--time-zone Asia/Shanghai]
  npm run admin -- merchant list
  npm run admin -- owner reset-password --merchant <sign-in code> --login <e-mail or mobile> --password <password | ->

  --code        the merchant's sign-in code (2–32 lowercase letters, digits, dashes), typed with each
                back-office login; a generated one when left out (merchant list shows it)

  --owner-password - / --password -   read the password from the first line of standard input
  Options left out are asked for when run on a terminal.
  The database is the server's: DATABASE_URL (PostgreSQL) or the SQLite file in HEXIAO_DATA_DIR (default ./data).
`;

const OPTIONS: Record<Exclude<AdminArgs['command'], 'help'>, readonly string[]> = {
  'merchant create': ['name', 'code', 'owner-login', 'owner-password', 'owner-name', 'time-zone'],
  'merchant list': [],
  'owner reset-password': ['merchant', 'login', 'password'],
};

export type ParsedArgs = { ok: true; args: AdminArgs } | { ok: false; message: string };

export function parseAdminArgs(argv: readonly string[]): ParsedArgs {
  const words = argv.filter((w) => !w.startsWith('--'));
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h') || words[0] === 'help') {
    return { ok: true, args: { command: 'help', options: {} } };
  }
  const command = `${argv[0] ?? ''} ${argv[1] ?? ''}`;
  if (!Object.hasOwn(OPTIONS, command)) return { ok: false, message: `unknown command "${command.trim()}"` };
  const known = OPTIONS[command as keyof typeof OPTIONS];
  const options: Record<string, string> = {};
  for (let i = 2; i < argv.length; i++) {
    const word = argv[i] ?? '';
    const [flag, inline] = word.startsWith('--') ? [word.slice(2).split('=')[0] ?? '', word.includes('=') ? word.slice(word.indexOf('=') + 1) : undefined] : ['', undefined];
    if (!flag) return { ok: false, message: `unexpected argument "${word}"` };
    if (!known.includes(flag)) return { ok: false, message: `"${command}" has no option --${flag}` };
    const value = inline ?? argv[++i];
    if (value === undefined) return { ok: false, message: `--${flag} needs a value` };
    options[flag] = value;
  }
  return { ok: true, args: { command: command as AdminArgs['command'], options } };
}
