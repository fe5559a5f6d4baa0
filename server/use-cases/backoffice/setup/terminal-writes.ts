import { z } from 'zod';
import { ok } from '../../../../core/result';
import { runAtomically } from '../../../db/atomic';
import type { MerchantSession } from '../../../repositories/backoffice/merchant-session';
import { findStore, STORE_NOT_FOUND } from '../../../repositories/backoffice/store-rows';
import { findTerminal, TERMINAL_NOT_FOUND, type TerminalView } from '../../../repositories/backoffice/terminal-rows';
import { userAuditInsert } from '../../../repositories/backoffice/user-audit';
import { newId } from '../../../security/ids';
import type { TerminalAuthenticator } from '../../../security/terminal-authenticator';
import { failure, type Outcome } from '../../outcome';
import type { BackofficeDeps } from '../deps';
import { storeScopeOf } from './store-scope';
import { announceTerminalChange } from '../../../security/terminal-change-channel';

export const TerminalName = z.strictObject({ name: z.string().trim().min(1, 'required').max(40) });

export interface TerminalAdminDeps extends BackofficeDeps {
  /** Its token cache must drop a till that is revoked or disabled here. */
  authenticator: TerminalAuthenticator;
}

/** Adds a till to a store; it pairs with a code minted afterwards. */
export async function addTerminal(deps: BackofficeDeps, session: MerchantSession, storeId: string, name: string): Promise<Outcome<TerminalView>> {
  const scope = await storeScopeOf(deps.db, session);
  const store = await findStore(deps.db, scope, storeId);
  if (!store) return STORE_NOT_FOUND();
  if (!store.active) return failure('STORE_INACTIVE', 'this store is inactive: make it active before adding tills');
  const merchantId = session.merchant.id;
  const id = newId();
  const at = deps.now().toISOString();
  await runAtomically(deps.db, [
    deps.db.kysely
      .insertInto('terminals')
      .values({ merchant_id: merchantId, id, store_id: storeId, name, token_hash: null, pairing_code_hash: null, pairing_expires_at: null, paired_at: null, created_at: at })
      .compile(),
    userAuditInsert(deps.db, { merchantId, userId: session.user.id, action: 'terminal.create', subjectId: id, storeId, details: { name }, at }).compile(),
  ]);
  const terminal = await findTerminal(deps.db, scope, id, deps.now());
  if (!terminal) throw new Error('a till vanished right after it was created');
  return ok(terminal);
}

export type TerminalChange = { kind: 'rename'; name: string } | { kind: 'disable' } | { kind: 'enable' } | { kind: 'revoke' };

/**
 * Renames, disables, enables or revokes a till. Revoking clears its token and any unused pairing
 * code; disabling keeps the token but refuses it. Every change drops the till from this node's token cache.
 */
export async function changeTerminal(
  deps: TerminalAdminDeps,
  session: MerchantSession,
  terminalId: string,
  change: TerminalChange,
): Promise<Outcome<TerminalView>> {
  const scope = await storeScopeOf(deps.db, session);
  const before = await findTerminal(deps.db, scope, terminalId, deps.now());
  if (!before) return TERMINAL_NOT_FOUND();
  const merchantId = session.merchant.id;
  const at = deps.now().toISOString();
  const update = deps.db.kysely.updateTable('terminals').where('merchant_id', '=', merchantId).where('id', '=', terminalId);
  const set =
    change.kind === 'rename'
      ? update.set({ name: change.name })
      : change.kind === 'revoke'
        ? update.set({ token_hash: null, pairing_code_hash: null, pairing_expires_at: null, revoked_at: at })
        : update.set({ disabled: change.kind === 'disable' ? 1 : 0 });
  const details = change.kind === 'rename' ? { from: before.name, to: change.name } : { statusBefore: before.status };
  await runAtomically(deps.db, [
    set.compile(),
    userAuditInsert(deps.db, { merchantId, userId: session.user.id, action: `terminal.${change.kind}`, subjectId: terminalId, storeId: before.storeId, details, at }).compile(),
  ]);
  // The cached session holds the name and the token's standing: drop it here and on every other node at once.
  deps.authenticator.forgetTerminal(terminalId);
  await announceTerminalChange(deps.db, terminalId);
  const after = await findTerminal(deps.db, scope, terminalId, deps.now());
  return after ? ok(after) : TERMINAL_NOT_FOUND();
}
