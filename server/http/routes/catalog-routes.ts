import express, { type RequestHandler, type Router } from 'express';
import { z } from 'zod';
import { CounterSettings } from '../../../core/sale/counter-settings';
import { importCatalog } from '../../counter/catalog-admin';
import { duplicateIds, unknownCategoryIds } from '../../counter/catalog-import-check';
import { readCounterSettings, saveCounterSettings } from '../../counter/counter-settings';
import { inTransaction, withoutTransaction } from '../../sync/sql/run-steps';
import { checkTerminalPin } from '../../counter/terminal-users';
import type { TerminalAuthenticator } from '../../security/terminal-authenticator';
import type { BackofficeDeps } from '../../use-cases/backoffice/deps';
import { requireTerminal, sessionOf } from '../auth';
import { merchantSessionOf, requireMerchantUser } from '../merchant-auth';
import { MERCHANT_ROLES } from '../merchant-roles';
import { sendError, sendFailure } from '../send';
import { validate } from '../validate';

export const CatalogImport = z.object({
  categories: z.array(z.object({ id: z.string().min(1).max(64), name: z.string().min(1).max(50), sort: z.number().int().min(-1_000_000).max(1_000_000).optional() })).max(1000),
  items: z
    .array(
      z.object({
        id: z.string().min(1).max(64), categoryId: z.string().min(1).max(64), name: z.string().min(1).max(100), barcode: z.string().max(64).nullable().optional(),
        priceFen: z.number().int().min(0).max(100_000_000), taxFree: z.boolean().optional(), active: z.boolean().optional(),
      }),
    )
    .max(5000),
}).superRefine((input, ctx) => {
  for (const list of ['categories', 'items'] as const) {
    const twice = duplicateIds(input[list]);
    if (twice.length > 0) ctx.addIssue({ code: 'custom', path: [list], message: `ids listed twice: ${twice.slice(0, 5).join(', ')}` });
  }
});

export const PinCheckRequest = z.object({ userId: z.string().min(1).max(64), pin: z.string().min(1).max(16) });

/**
 * The merchant's catalog upload (the counter pulls it through sync), the counter settings (discount
 * threshold, points rule, voucher restore on refund, PIN lockout), and the terminal's online PIN
 * check for cashiers and managers, with lockout after repeated misses.
 */
export function catalogRoutes(router: Router, deps: BackofficeDeps, authenticator: TerminalAuthenticator, json: RequestHandler): void {
  router.put('/merchant/catalog', requireMerchantUser(deps, MERCHANT_ROLES.setup), express.json({ limit: '4mb' }), async (req, res) => {
    const body = validate(CatalogImport, req.body);
    if (!body.ok) return sendFailure(res, body);
    const unknown = await unknownCategoryIds(deps.db, merchantSessionOf(res).merchant.id, body.value);
    if (unknown.length > 0) return sendError(res, 'VALIDATION_FAILED', `items: unknown categoryId ${unknown.slice(0, 5).join(', ')}`);
    const saved = await importCatalog(deps.db, merchantSessionOf(res).merchant.id, body.value, deps.now());
    res.status(200).json({ categories: saved.categories.length, items: saved.items.length });
  });
  router.get('/merchant/counter-settings', requireMerchantUser(deps, MERCHANT_ROLES.operate), async (_req, res) => {
    res.status(200).json(await withoutTransaction(deps.db, () => readCounterSettings(merchantSessionOf(res).merchant.id)));
  });
  router.put('/merchant/counter-settings', requireMerchantUser(deps, MERCHANT_ROLES.setup), json, async (req, res) => {
    const body = validate(CounterSettings, req.body);
    if (!body.ok) return sendFailure(res, body);
    const merchantId = merchantSessionOf(res).merchant.id;
    await inTransaction(deps.db, () => saveCounterSettings(merchantId, body.value, deps.now().toISOString()));
    res.status(200).json(body.value);
  });
  router.post('/terminal/pin-check', requireTerminal(authenticator), json, async (req, res) => {
    const body = validate(PinCheckRequest, req.body);
    if (!body.ok) return sendFailure(res, body);
    const session = sessionOf(res);
    const check = await checkTerminalPin(deps.db, session.merchant.id, session.store.id, body.value.userId, body.value.pin, deps.now());
    if (check.ok) return void res.status(200).json({ user: check.user });
    if (check.code === 'PIN_LOCKED') return sendError(res, 'PIN_LOCKED', `too many wrong PINs: locked until ${check.lockedUntil ?? ''}`);
    sendError(res, 'PIN_INVALID', 'wrong PIN');
  });
}
