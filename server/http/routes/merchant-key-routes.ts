import type { Router } from 'express';
import type { TerminalAuthenticator } from '../../security/terminal-authenticator';
import type { SalesDeps } from '../../use-cases/sales/sales-deps';
import { requireTerminal, sessionOf } from '../auth';

/** The merchant's QR public keys, for terminals to verify voucher QR codes offline. */
export function merchantKeyRoutes(router: Router, deps: SalesDeps, authenticator: TerminalAuthenticator): void {
  router.get('/merchant-keys', requireTerminal(authenticator), async (_req, res) => {
    const merchantId = sessionOf(res).merchant.id;
    // A terminal that has never seen a key gets one to trust before the first voucher is issued.
    await deps.keys.activeSigningKey(merchantId);
    res.json({ merchantId, keys: await deps.keys.publicKeys(merchantId) });
  });
}
