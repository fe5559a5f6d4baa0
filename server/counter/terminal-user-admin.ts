import { z } from 'zod';
import { ok } from '../../core/result';
import type { Db } from '../db/database';
import type { MerchantSession } from '../repositories/backoffice/merchant-session';
import { userAuditInsert } from '../repositories/backoffice/user-audit';
import { newId } from '../security/ids';
import { pinMatchesVerifier } from '../sync/policy/manager-pin-verifier';
import { inTransaction, withoutTransaction } from '../sync/sql/run-steps';
import { first, isoOrNull, num, q, rows, str, type Steps } from '../sync/sql/steps';
import { failure, type AppFailure, type Outcome } from '../use-cases/outcome';
import { insertTerminalUser, pinSecrets, type PinSecrets, type TerminalRole } from './terminal-users';

const Pin = z.string().regex(/^\d{4,6}$/, 'a PIN is 4 to 6 digits');
const Role = z.enum(['cashier', 'manager']) satisfies z.ZodType<TerminalRole>;
export const NewTerminalUser = z.strictObject({ name: z.string().trim().min(1).max(50), role: Role, pin: Pin });
export const TerminalPinChange = z.strictObject({ pin: Pin });
export const TerminalRoleChange = z.strictObject({ role: Role });

export interface TerminalUserView {
  userId: string;
  storeId: string;
  name: string;
  role: TerminalRole;
  active: boolean;
  /** Set while wrong PINs in a row keep the user locked out. */
  lockedUntil: string | null;
  updatedAt: string;
}

export type TerminalUserChange = { pin: string } | { role: TerminalRole } | { active: boolean };

const SELECT_USER = `SELECT id, store_id, name, role, pin_verifier, active, locked_until, updated_at FROM terminal_users`;

function view(r: Record<string, unknown>, now: Date): TerminalUserView {
  const locked = isoOrNull(r, 'locked_until');
  return {
    userId: str(r, 'id'), storeId: str(r, 'store_id'), name: str(r, 'name'), role: str(r, 'role') as TerminalRole, active: num(r, 'active') === 1,
    lockedUntil: locked !== null && locked > now.toISOString() ? locked : null, updatedAt: isoOrNull(r, 'updated_at') ?? '',
  };
}

/** Owners look after every store; a manager only the stores they manage (and never learns of others' users). */
function* storeScope(session: MerchantSession, storeId: string): Steps<AppFailure | null> {
  const merchantId = session.merchant.id;
  if (!(yield* first(`SELECT 1 AS one FROM stores WHERE merchant_id = ? AND id = ?`, [merchantId, storeId]))) return failure('NOT_FOUND', 'no such store');
  if (session.user.role === 'owner') return null;
  // Assigned in the back office (merchant_user_stores) or holding the store's approval PIN.
  const manages = yield* first(
    `SELECT 1 AS one FROM store_managers WHERE merchant_id = ? AND store_id = ? AND manager_id = ? AND removed_at IS NULL
     UNION SELECT 1 AS one FROM merchant_user_stores WHERE merchant_id = ? AND store_id = ? AND user_id = ?`,
    [merchantId, storeId, session.user.id, merchantId, storeId, session.user.id],
  );
  return manages ? null : failure('FORBIDDEN', 'a manager looks after the users of their own store only');
}

/**
 * Whether someone else at the store signs in with this PIN: the counter tells staff apart by PIN
 * alone. Disabled users count too, so enabling one again can never make two people share a PIN.
 */
async function pinTaken(db: Db, merchantId: string, storeId: string, pin: string, exceptId: string | null): Promise<boolean> {
  const verifiers = await withoutTransaction(db, () =>
    rows(
      `SELECT id, pin_verifier FROM terminal_users WHERE merchant_id = ? AND store_id = ?
        UNION SELECT manager_id AS id, pin_verifier FROM store_managers WHERE merchant_id = ? AND store_id = ? AND removed_at IS NULL`,
      [merchantId, storeId, merchantId, storeId],
    ),
  );
  const others = verifiers.filter((v) => v['id'] !== exceptId);
  return (await Promise.all(others.map((v) => pinMatchesVerifier(pin, str(v, 'pin_verifier'))))).some(Boolean);
}

/** The store-manager row follows the user: an active manager approves with their current PIN; anyone else no longer does. */
function* followManagerRow(merchantId: string, u: { id: string; storeId: string; name: string; role: TerminalRole; active: boolean; verifier: string }, at: string): Steps<void> {
  if (u.role === 'manager' && u.active) {
    yield q(
      `INSERT INTO store_managers (merchant_id, store_id, manager_id, name, pin_verifier, updated_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (merchant_id, store_id, manager_id) DO UPDATE SET name = excluded.name, pin_verifier = excluded.pin_verifier, updated_at = excluded.updated_at, removed_at = NULL`,
      [merchantId, u.storeId, u.id, u.name, u.verifier, at],
    );
  } else {
    yield q(`UPDATE store_managers SET removed_at = ?, updated_at = ? WHERE merchant_id = ? AND store_id = ? AND manager_id = ? AND removed_at IS NULL`, [
      at, at, merchantId, u.storeId, u.id,
    ]);
  }
}

function* audited(db: Db, session: MerchantSession, action: string, subjectId: string, details: Record<string, unknown>, at: string): Steps<void> {
  const compiled = userAuditInsert(db, { merchantId: session.merchant.id, userId: session.user.id, action, subjectId, details, at }).compile();
  yield q(compiled.sql, compiled.parameters);
}

export async function listTerminalUsers(db: Db, session: MerchantSession, storeId: string, now: Date): Promise<Outcome<{ users: TerminalUserView[] }>> {
  return withoutTransaction(db, function* () {
    const refused = yield* storeScope(session, storeId);
    if (refused) return refused;
    const found = yield* rows(`${SELECT_USER} WHERE merchant_id = ? AND store_id = ? ORDER BY name, id`, [session.merchant.id, storeId]);
    return ok({ users: found.map((r) => view(r, now)) });
  });
}

export async function addStoreTerminalUser(db: Db, session: MerchantSession, storeId: string, input: z.infer<typeof NewTerminalUser>, now: Date): Promise<Outcome<TerminalUserView>> {
  const merchantId = session.merchant.id;
  const refused = await withoutTransaction(db, () => storeScope(session, storeId));
  if (refused) return refused;
  if (await pinTaken(db, merchantId, storeId, input.pin, null)) return failure('PIN_TAKEN', 'someone at this store already signs in with this PIN');
  const id = newId();
  const at = now.toISOString();
  const secrets = await pinSecrets(input.pin);
  return inTransaction(db, function* () {
    yield* insertTerminalUser(merchantId, id, { storeId, name: input.name, role: input.role }, secrets, at);
    yield* audited(db, session, 'terminal_user.add', id, { storeId, name: input.name, role: input.role }, at);
    return ok(view((yield* first(`${SELECT_USER} WHERE merchant_id = ? AND id = ?`, [merchantId, id]))!, now));
  });
}

function actionOf(change: TerminalUserChange): string {
  if ('pin' in change) return 'terminal_user.pin_change';
  if ('role' in change) return 'terminal_user.role_change';
  return change.active ? 'terminal_user.enable' : 'terminal_user.disable';
}

/**
 * A new PIN (which also lifts a lockout: the person behind it was just vouched for), a new role, or
 * disabled/enabled. Each change updates the row terminals pull and is audited with who made it;
 * asking for what already is changes and audits nothing.
 */
export async function changeTerminalUser(db: Db, session: MerchantSession, userId: string, change: TerminalUserChange, now: Date): Promise<Outcome<TerminalUserView>> {
  const merchantId = session.merchant.id;
  const before = await withoutTransaction(db, () => first(`${SELECT_USER} WHERE merchant_id = ? AND id = ?`, [merchantId, userId]));
  if (!before) return failure('USER_NOT_FOUND', 'no terminal user with this id');
  const storeId = str(before, 'store_id');
  const refused = await withoutTransaction(db, () => storeScope(session, storeId));
  if (refused) return refused;
  const was = view(before, now);
  if (('role' in change && change.role === was.role) || ('active' in change && change.active === was.active)) return ok(was);
  let secrets: PinSecrets | null = null;
  if ('pin' in change) {
    if (await pinTaken(db, merchantId, storeId, change.pin, userId)) return failure('PIN_TAKEN', 'someone at this store already signs in with this PIN');
    secrets = await pinSecrets(change.pin);
  }
  const at = now.toISOString();
  return inTransaction(db, function* () {
    if (secrets) {
      yield q(`UPDATE terminal_users SET pin_hash = ?, pin_verifier = ?, failed_pins = 0, locked_until = NULL, updated_at = ? WHERE merchant_id = ? AND id = ?`, [
        secrets.hash, secrets.verifier, at, merchantId, userId,
      ]);
    } else if ('role' in change) {
      yield q(`UPDATE terminal_users SET role = ?, updated_at = ? WHERE merchant_id = ? AND id = ?`, [change.role, at, merchantId, userId]);
    } else if ('active' in change) {
      yield q(`UPDATE terminal_users SET active = ?, updated_at = ? WHERE merchant_id = ? AND id = ?`, [change.active ? 1 : 0, at, merchantId, userId]);
    }
    const after = (yield* first(`${SELECT_USER} WHERE merchant_id = ? AND id = ?`, [merchantId, userId]))!;
    const current = view(after, now);
    yield* followManagerRow(merchantId, { id: userId, storeId, name: current.name, role: current.role, active: current.active, verifier: str(after, 'pin_verifier') }, at);
    const details = 'role' in change ? { storeId, from: was.role, to: change.role } : { storeId };
    yield* audited(db, session, actionOf(change), userId, details, at);
    return ok(current);
  });
}
