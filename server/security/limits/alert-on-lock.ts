import type { Logger } from 'pino';
import type { Db } from '../../db/database';
import { insertSecurityAlert } from '../../repositories/backoffice/security-alerts';
import type { GuessLock } from './guessing-guard';

/** A code-guessing lock is logged and written as the merchant's security alert (shown in the back office). */
export function alertOnGuessingLock(db: Db, logger: Logger, now: () => Date): (lock: GuessLock) => Promise<void> {
  return async ({ subject, scope, until, strike }) => {
    const id = scope === 'terminal' ? subject.terminalId : scope === 'store' ? subject.storeId : subject.address;
    const details = {
      terminalId: subject.terminalId,
      storeId: subject.storeId,
      address: subject.address,
      lockedUntil: new Date(until).toISOString(),
      lockNumber: strike,
    };
    logger.warn({ merchantId: subject.merchantId, scope, ...details }, 'code guessing: locked out');
    await insertSecurityAlert(db, { merchantId: subject.merchantId, kind: 'code_guessing.locked', subject: `${scope}:${id}`, details, at: now().toISOString() });
  };
}
