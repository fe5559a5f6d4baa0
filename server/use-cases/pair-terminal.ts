import { ok } from '../../core/result';
import { redeemPairingCode } from '../repositories/pairing-repository';
import { findSessionByTerminal } from '../repositories/terminal-repository';
import type { TerminalSession } from '../repositories/terminal-session';
import { normalizePairingCode } from '../security/pairing-code';
import { newDeviceToken, sha256Hex } from '../security/secrets';
import type { UseCaseDeps } from './deps';
import { failure, type Outcome } from './outcome';
import { rateLimited } from './rate-limited';
import { announceTerminalChange } from '../security/terminal-change-channel';

export interface PairedTerminal extends TerminalSession {
  /** The device token; shown once, stored only as a hash. */
  token: string;
}

/** Trades a one-time pairing code for a device token. `clientKey` identifies the caller for rate limiting. */
export async function pairTerminal(
  deps: UseCaseDeps,
  input: { pairingCode: string },
  clientKey: string,
): Promise<Outcome<PairedTerminal>> {
  const wait = await deps.pairingGuard.waitFor(clientKey);
  if (wait > 0) return rateLimited(wait);

  const code = normalizePairingCode(input.pairingCode);
  const token = newDeviceToken();
  const paired = code ? await redeemPairingCode(deps.db, code, sha256Hex(token), deps.now()) : undefined;
  if (!paired) {
    await deps.pairingGuard.hit(clientKey);
    return failure('PAIRING_CODE_INVALID', 'the pairing code is wrong, already used or expired');
  }
  deps.authenticator.forgetTerminal(paired.terminalId);
  // The old token stops working on every node, not only this one.
  await announceTerminalChange(deps.db, paired.terminalId);
  const session = await findSessionByTerminal(deps.db.kysely, paired.merchantId, paired.terminalId);
  if (!session) throw new Error('a terminal disappeared while pairing');
  deps.logger.info({ terminalId: paired.terminalId, merchantId: paired.merchantId }, 'terminal paired');
  return ok({ token, ...session });
}
