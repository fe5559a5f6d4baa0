import { pairingQrText } from '../../../../core/pairing-qr';
import { ok } from '../../../../core/result';
import { runAtomically } from '../../../db/atomic';
import { isUniqueViolation } from '../../../db/errors';
import type { MerchantSession } from '../../../repositories/backoffice/merchant-session';
import { findStore } from '../../../repositories/backoffice/store-rows';
import { findTerminal, TERMINAL_NOT_FOUND } from '../../../repositories/backoffice/terminal-rows';
import { userAuditInsert } from '../../../repositories/backoffice/user-audit';
import { DEFAULT_PAIRING_TTL_MS } from '../../../repositories/pairing-repository';
import { generatePairingCode } from '../../../security/pairing-code';
import { sha256Hex } from '../../../security/secrets';
import { failure, type Outcome } from '../../outcome';
import type { BackofficeDeps } from '../deps';
import { storeScopeOf } from './store-scope';

export const PAIRING_TTL_MINUTES = DEFAULT_PAIRING_TTL_MS / 60_000;


export interface MintedPairingCode {
  code: string;
  expiresAt: string;
  ttlMinutes: number;
  qrPayload: string;
}

/**
 * A single-use code that pairs this till (again): it replaces an unused earlier code, and using it
 * gives the till a new token, so a till whose browser data was cleared can be paired once more.
 * Only its hash is stored; the audit entry never holds it.
 */
export async function mintTerminalPairingCode(
  deps: BackofficeDeps,
  session: MerchantSession,
  terminalId: string,
  serverOrigin: string,
): Promise<Outcome<MintedPairingCode>> {
  const scope = await storeScopeOf(deps.db, session);
  const terminal = await findTerminal(deps.db, scope, terminalId, deps.now());
  if (!terminal) return TERMINAL_NOT_FOUND();
  if (terminal.disabled) return failure('TERMINAL_DISABLED', 'this till is disabled: enable it before pairing it');
  const store = await findStore(deps.db, scope, terminal.storeId);
  if (!store?.active) return failure('STORE_INACTIVE', 'this till’s store is inactive: make it active before pairing');
  const merchantId = session.merchant.id;
  const now = deps.now();
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + DEFAULT_PAIRING_TTL_MS).toISOString();
  for (let attempt = 0; ; attempt++) {
    const code = generatePairingCode();
    try {
      await runAtomically(deps.db, [
        deps.db.kysely
          .updateTable('terminals')
          .set({ pairing_code_hash: sha256Hex(code), pairing_expires_at: expiresAt })
          .where('merchant_id', '=', merchantId)
          .where('id', '=', terminalId)
          .compile(),
        userAuditInsert(deps.db, {
          merchantId,
          userId: session.user.id,
          action: 'terminal.pairing_code_minted',
          subjectId: terminalId,
          storeId: terminal.storeId,
          details: { expiresAt },
          at,
        }).compile(),
      ]);
      return ok({ code, expiresAt, ttlMinutes: PAIRING_TTL_MINUTES, qrPayload: pairingQrText(serverOrigin, code) });
    } catch (error) {
      // Two live codes may not share a hash; draw again on the (unlikely) collision.
      if (attempt < 4 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}
