import 'fake-indexeddb/auto';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_COUNTER_SETTINGS } from '../../../../core/sale/counter-settings';
import { useCounterSettingsStore } from '../../../../renderer/staff/counter-settings-store';
import { managerPinGate } from '../../../../renderer/staff/pin-gate';
import type { BillVoucher } from '../../../../renderer/counter/bill-voucher';
import { catalogItem } from '../../../../renderer/counter/catalog-rows';
import { useCartStore } from '../../../../renderer/counter/cart-store';
import { signedInAfterSync, useStaffStore } from '../../../../renderer/staff/staff-store';
import { openPosDb } from '../../../../renderer/db/instance';
import type { PosDb } from '../../../../renderer/db/pos-db';
import { useSessionStore } from '../../../../renderer/pairing/session-store';
import { pinVerifier, policyRow } from '../sync/support/fixtures';

let db: PosDb;
beforeEach(() => {
  setActivePinia(createPinia());
  db = openPosDb(`stores-${crypto.randomUUID()}`);
});
afterEach(() => {
  db.close();
  vi.useRealTimers();
});

const dish = catalogItem({ itemId: 'gbjd', name: '宫保鸡丁', priceFen: 3800, categoryId: 'hot' });

function voucher(kind: 'cash' | 'product', over: Partial<BillVoucher> = {}): BillVoucher {
  return {
    redemptionId: crypto.randomUUID(), voucherId: crypto.randomUUID(), campaignId: `camp-${kind}`, campaignTitle: kind === 'cash' ? '50元代金券' : '双人套餐',
    codeMasked: '**** **** 9012', kind, faceValueFen: kind === 'cash' ? 5000 : 16800, minSpendFen: 0, itemId: null, needsPin: false,
    check: {} as BillVoucher['check'], ...over,
  };
}

describe('cart store', () => {
  it('merges repeated items, removes a line at quantity 0 and totals in fen', () => {
    const cart = useCartStore();
    cart.addItem(dish);
    cart.addItem(dish);
    expect(cart.lines).toHaveLength(1);
    expect(cart.lines[0]!.quantity).toBe(2);
    expect(cart.totals).toMatchObject({ ok: true, value: { dueFen: 7600, toPayFen: 7600 } });
    cart.setQuantity(cart.lines[0]!.lineId, 0);
    expect(cart.empty).toBe(true);
  });

  it('puts a product voucher on the bill as a free line and a cash voucher as a capped tender, once each', () => {
    const cart = useCartStore();
    cart.addItem(dish);
    const product = voucher('product');
    const cash = voucher('cash');
    expect(cart.addVoucher(product)).toBe(true);
    expect(cart.addVoucher(cash)).toBe(true);
    expect(cart.addVoucher(cash)).toBe(false);
    expect(cart.lines.map((l) => l.unitPriceFen)).toEqual([3800, 0]);
    expect(cart.totals).toMatchObject({ ok: true, value: { dueFen: 3800, voucherFen: 3800, toPayFen: 0 } });
    cart.removeLine(cart.lines[1]!.lineId);
    expect(cart.vouchers.map((v) => v.kind)).toEqual(['cash']);
  });
});

describe('cart tenders', () => {
  it('keeps one points tender: a new amount replaces the last, other tenders stay', () => {
    const cart = useCartStore();
    cart.addTender({ method: 'points', amountFen: 500, reference: null, points: 50 });
    cart.addTender({ method: 'cash', amountFen: 1000, reference: null });
    cart.addTender({ method: 'points', amountFen: 800, reference: null, points: 80 });
    expect(cart.tenders.map((t) => [t.method, t.amountFen])).toEqual([['cash', 1000], ['points', 800]]);
  });
});

describe('staff sign-in', () => {
  it('signs in a synced cashier by PIN and locks the prompt after five wrong PINs', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    useSessionStore().pairing = { storeId: 'store-a' } as never;
    await db.storePolicies.put(policyRow());
    await db.terminalUsers.put({ userId: 'u-1', storeId: 'store-a', name: '小王', role: 'cashier', pinVerifier: pinVerifier('1357') });
    const staff = useStaffStore();
    expect(await staff.signIn('1357')).toBe(true);
    expect(staff.current).toEqual({ userId: 'u-1', name: '小王', role: 'cashier' });
    staff.signOut();
    for (let i = 0; i < 5; i++) expect(await staff.signIn('0000')).toBe(false);
    expect(staff.problem).toBe('PIN_INVALID');
    expect(await staff.signIn('1357')).toBe(false);
    expect(staff.problem).toBe('PIN_PROMPT_LOCKED');
    expect(staff.current).toBeNull();
    // The server's default lockout: 15 minutes.
    vi.setSystemTime(Date.now() + 14 * 60_000);
    expect(await staff.signIn('1357')).toBe(false);
    vi.setSystemTime(Date.now() + 60_001);
    expect(await staff.signIn('1357')).toBe(true);
  });

  it("locks by the merchant's synced rule, for sign-in and manager approvals alike", async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    useSessionStore().pairing = { storeId: 'store-a' } as never;
    await db.storePolicies.put(policyRow());
    await db.terminalUsers.put({ userId: 'u-2', storeId: 'store-a', name: '小李', role: 'cashier', pinVerifier: pinVerifier('2468') });
    await db.counterSettings.put({ ...DEFAULT_COUNTER_SETTINGS, merchantId: 'm-1', pinMaxFailures: 2, pinLockMinutes: 1 });
    const staff = useStaffStore();
    await vi.waitFor(() => expect(useCounterSettingsStore().settings.pinMaxFailures).toBe(2));
    expect(await staff.signIn('0000')).toBe(false);
    expect(await staff.signIn('1111')).toBe(false);
    expect(await staff.signIn('2468')).toBe(false);
    expect(staff.problem).toBe('PIN_PROMPT_LOCKED');
    // The lock covers every PIN prompt of the window, not only the one that was guessed at.
    const manager = { managerId: 'mgr-1', name: '李店长', pinVerifier: pinVerifier('8888') };
    expect(await managerPinGate.approve([manager], '8888')).toMatchObject({ ok: false, code: 'PIN_PROMPT_LOCKED' });
    vi.setSystemTime(Date.now() + 60_001);
    expect(await staff.signIn('2468')).toBe(true);
  });
});

describe('staff who leave', () => {
  it('signs out someone the merchant disabled as soon as the sync removes them, and follows a role change', async () => {
    useSessionStore().pairing = { storeId: 'store-a' } as never;
    await db.terminalUsers.put({ userId: 'u-2', storeId: 'store-a', name: '小李', role: 'cashier', pinVerifier: pinVerifier('2468') });
    const staff = useStaffStore();
    expect(await staff.signIn('2468')).toBe(true);
    await db.terminalUsers.update('u-2', { role: 'manager' });
    await expect.poll(() => staff.current?.role).toBe('manager');
    await db.terminalUsers.delete('u-2');
    await expect.poll(() => staff.current).toBeNull();
    expect(await staff.signIn('2468')).toBe(false);
  });

  it('keeps whoever is signed in while a snapshot has not listed everyone yet', () => {
    const me = { userId: 'u-2', name: '小李', role: 'cashier' as const };
    const listed = [{ row: { managerId: 'u-2', name: '小李' }, role: 'cashier' as const }];
    expect(signedInAfterSync(me, listed, false)).toBe(me);
    expect(signedInAfterSync(me, [], true)).toBe(me);
    expect(signedInAfterSync(me, [], false)).toBeNull();
    expect(signedInAfterSync(me, [{ row: { managerId: 'u-2', name: '李师傅' }, role: 'manager' }], false)).toEqual({ userId: 'u-2', name: '李师傅', role: 'manager' });
  });
});
