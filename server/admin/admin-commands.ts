import { isValidTimeZone } from '../../core/time-zone';
import { runAtomically } from '../db/atomic';
import type { Db } from '../db/database';
import { isUniqueViolation } from '../db/errors';
import { insertMerchantUser, updatePasswordHash } from '../repositories/backoffice/merchant-user-repository';
import { revokeUserSessions } from '../repositories/backoffice/session-repository';
import { LoginName, NewPassword, UserName } from '../use-cases/backoffice/login-name';
import { defaultMerchantCode, MerchantCode } from '../use-cases/backoffice/merchant-code';
import { newId } from '../security/ids';
import { hashPassword } from '../security/password';

/** What a command answers: lines for standard output, or an error and the exit code to end with. */
export type CommandResult = { ok: true; lines: string[] } | { ok: false; message: string; exitCode: number };

/** Bad input: nothing was written. */
export const EXIT_INVALID = 2;
/** The database said no (login taken, no such owner). */
export const EXIT_REFUSED = 3;

const invalid = (message: string): CommandResult => ({ ok: false, message, exitCode: EXIT_INVALID });

function systemAudit(db: Db, merchantId: string, action: string, subjectId: string, details: Record<string, unknown>, at: string) {
  return db.kysely.insertInto('audit_log').values({
    merchant_id: merchantId,
    id: newId(),
    at,
    actor_type: 'system',
    actor_id: null,
    action,
    subject_id: subjectId,
    details: JSON.stringify({ ...details, via: 'admin-cli' }),
  });
}

export interface NewMerchantInput {
  name: string;
  /** The sign-in code; a generated one when absent. */
  code?: string | undefined;
  ownerLogin: string;
  ownerPassword: string;
  ownerName?: string | undefined;
  timeZone?: string | undefined;
}

/** A merchant and its first owner, in one transaction: both or neither. */
export async function createMerchantWithOwner(db: Db, input: NewMerchantInput, now = new Date()): Promise<CommandResult> {
  const name = input.name.trim();
  if (!name || name.length > 80) return invalid('--name: give the merchant a name (at most 80 characters)');
  const login = LoginName.safeParse(input.ownerLogin);
  if (!login.success) return invalid('--owner-login: expected an e-mail address or a mainland mobile number');
  const password = NewPassword.safeParse(input.ownerPassword);
  if (!password.success) return invalid(`--owner-password: ${password.error.issues[0]?.message ?? 'not accepted'}`);
  const ownerName = UserName.safeParse(input.ownerName ?? name);
  if (!ownerName.success) return invalid('--owner-name: at most 60 characters');
  const timeZone = input.timeZone ?? 'Asia/Shanghai';
  if (!isValidTimeZone(timeZone)) return invalid(`--time-zone: "${timeZone}" is not an IANA time zone (e.g. Asia/Shanghai)`);

  const merchantId = newId();
  const code = MerchantCode.safeParse(input.code ?? defaultMerchantCode(merchantId));
  if (!code.success) return invalid('--code: 2–32 lowercase letters, digits or dashes, e.g. haowei');
  const ownerId = newId();
  const at = now.toISOString();
  const passwordHash = await hashPassword(password.data);
  try {
    await runAtomically(db, [
      db.kysely.insertInto('merchants').values({ merchant_id: merchantId, code: code.data, name, time_zone: timeZone, created_at: at }).compile(),
      insertMerchantUser(db, { merchantId, id: ownerId, login: login.data, name: ownerName.data, role: 'owner', passwordHash, at }).compile(),
      systemAudit(db, merchantId, 'merchant.create', merchantId, { name, ownerLogin: login.data }, at).compile(),
    ]);
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, message: `the merchant code ${code.data} is already in use: choose another with --code`, exitCode: EXIT_REFUSED };
    throw error;
  }
  return {
    ok: true,
    lines: [
      `created merchant ${name} (${merchantId}), sign-in code ${code.data}, time zone ${timeZone}`,
      `owner ${login.data} can now sign in to the back office at <server>/admin with the merchant code ${code.data} and add stores and tills`,
    ],
  };
}

/** Every merchant with its owners' logins. */
export async function listMerchants(db: Db): Promise<CommandResult> {
  const merchants = await db.kysely.selectFrom('merchants').select(['merchant_id', 'code', 'name', 'time_zone', 'created_at']).orderBy('created_at').orderBy('merchant_id').execute();
  const owners = await db.kysely.selectFrom('merchant_users').select(['merchant_id', 'login', 'disabled']).where('role', '=', 'owner').orderBy('login').execute();
  if (merchants.length === 0) return { ok: true, lines: ['no merchants yet: create one with npm run admin -- merchant create --help'] };
  return {
    ok: true,
    lines: merchants.map((m) => {
      const logins = owners.filter((o) => o.merchant_id === m.merchant_id).map((o) => (Number(o.disabled) === 1 ? `${o.login} (disabled)` : o.login));
      return `${m.merchant_id}  ${m.code}  ${m.name}  ${m.time_zone}  owners: ${logins.join(', ') || 'none'}`;
    }),
  };
}

/** The way back in for a locked-out owner: a new password, lockout cleared, their sessions ended. */
export async function resetOwnerPassword(db: Db, input: { merchant: string; login: string; password: string }, now = new Date()): Promise<CommandResult> {
  const merchant = MerchantCode.safeParse(input.merchant);
  if (!merchant.success) return invalid('--merchant: the merchant code (npm run admin -- merchant list shows it)');
  const login = LoginName.safeParse(input.login);
  if (!login.success) return invalid('--login: expected an e-mail address or a mainland mobile number');
  const password = NewPassword.safeParse(input.password);
  if (!password.success) return invalid(`--password: ${password.error.issues[0]?.message ?? 'not accepted'}`);
  const user = await db.kysely
    .selectFrom('merchant_users as u')
    .innerJoin('merchants as m', 'm.merchant_id', 'u.merchant_id')
    .select(['u.merchant_id', 'u.id', 'u.role'])
    .where('m.code', '=', merchant.data)
    .where('u.login', '=', login.data)
    .executeTakeFirst();
  if (!user || user.role !== 'owner') return { ok: false, message: `no owner of ${merchant.data} signs in as ${login.data}`, exitCode: EXIT_REFUSED };
  const at = now.toISOString();
  const hash = await hashPassword(password.data);
  await runAtomically(db, [
    updatePasswordHash(db, user.merchant_id, user.id, hash, at).compile(),
    revokeUserSessions(db, user.merchant_id, user.id, at).compile(),
    systemAudit(db, user.merchant_id, 'merchant_user.password_reset', user.id, {}, at).compile(),
  ]);
  return { ok: true, lines: [`the password of ${login.data} is reset; their open sessions are ended`] };
}
