import { loadConfig } from '../config';
import { openDatabase, type Db } from '../db/database';
import { parseAdminArgs, USAGE, type AdminArgs } from './admin-args';
import { createMerchantWithOwner, EXIT_INVALID, listMerchants, resetOwnerPassword, type CommandResult } from './admin-commands';
import { readStdinLine, terminalAsker, type Asker } from './admin-input';
import { isOpsCommand, runOpsCommand } from './ops-commands';

// `npm run admin -- …`: set up merchants and owners without code, on the server's database.

interface Needed {
  option: string;
  question: string;
  hidden?: boolean;
}

const REQUIRED: Record<'merchant create' | 'merchant list' | 'owner reset-password', Needed[]> = {
  'merchant create': [
    { option: 'name', question: '商户名称 Merchant name: ' },
    { option: 'owner-login', question: '店主登录名 Owner login (e-mail or mobile): ' },
    { option: 'owner-password', question: '店主密码 Owner password (10+ characters): ', hidden: true },
  ],
  'merchant list': [],
  'owner reset-password': [
    { option: 'merchant', question: '商户代码 Merchant code: ' },
    { option: 'login', question: '店主登录名 Owner login: ' },
    { option: 'password', question: '新密码 New password (10+ characters): ', hidden: true },
  ],
};

function fail(message: string, exitCode: number): never {
  console.error(`hexiao admin: ${message}`);
  process.exit(exitCode);
}

/** Fills missing options by asking (on a terminal only) and reads `-` passwords from standard input. */
async function complete(args: AdminArgs & { command: keyof typeof REQUIRED }): Promise<Record<string, string>> {
  const options = { ...args.options };
  for (const key of ['owner-password', 'password']) {
    if (options[key] === '-') options[key] = await readStdinLine();
  }
  let asker: Asker | null = null;
  try {
    for (const need of REQUIRED[args.command]) {
      if (options[need.option] !== undefined) continue;
      if (!process.stdin.isTTY) fail(`--${need.option} is required (run on a terminal to be asked for it)\n\n${USAGE}`, EXIT_INVALID);
      asker ??= terminalAsker();
      options[need.option] = await asker.ask(need.question, need.hidden).catch(() => fail('cancelled: nothing was written', EXIT_INVALID));
    }
  } finally {
    asker?.close();
  }
  return options;
}

async function run(db: Db, command: keyof typeof REQUIRED, o: Record<string, string>): Promise<CommandResult> {
  if (command === 'merchant list') return listMerchants(db);
  if (command === 'owner reset-password') return resetOwnerPassword(db, { merchant: o['merchant'] ?? '', login: o['login'] ?? '', password: o['password'] ?? '' });
  return createMerchantWithOwner(db, {
    name: o['name'] ?? '',
    code: o['code'],
    ownerLogin: o['owner-login'] ?? '',
    ownerPassword: o['owner-password'] ?? '',
    ownerName: o['owner-name'],
    timeZone: o['time-zone'],
  });
}

const parsed = parseAdminArgs(process.argv.slice(2));
if (!parsed.ok) fail(`${parsed.message}\n\n${USAGE}`, EXIT_INVALID);
const { args } = parsed;
if (args.command === 'help') {
  console.log(USAGE);
  process.exit(0);
}
const loaded = loadConfig(process.env);
if (!loaded.ok) fail(`invalid configuration\n${loaded.errors.map((e) => `  ${e}`).join('\n')}`, EXIT_INVALID);
if (isOpsCommand(args.command)) {
  const result = await runOpsCommand({ ...args, command: args.command }, loaded.config, process.env).catch((error: unknown) => fail(error instanceof Error ? error.message : String(error), 1));
  if (!result.ok) fail(result.message, result.exitCode);
  console.log(result.lines.join('\n'));
  process.exit(0);
}
const command = args.command;
const options = await complete({ ...args, command });
const db = await openDatabase(loaded.config).catch((error: unknown) => fail(`cannot open the database: ${error instanceof Error ? error.message : String(error)}`, 1));
try {
  const result = await run(db, command, options);
  await db.close();
  if (!result.ok) fail(result.message, result.exitCode);
  console.log(result.lines.join('\n'));
} catch (error) {
  await db.close();
  fail(error instanceof Error ? error.message : String(error), 1);
}
