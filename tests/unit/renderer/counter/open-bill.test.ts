import 'fake-indexeddb/auto';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { catalogItem } from '../../../../renderer/counter/catalog-rows';
import { useCartStore } from '../../../../renderer/counter/cart-store';
import { useCounterStore } from '../../../../renderer/counter/counter-store';
import { billRestored, keepOpenBill, stopKeepingOpenBill } from '../../../../renderer/counter/open-bill-keeper';
import { openPosDb } from '../../../../renderer/db/instance';
import type { OpenBill } from '../../../../renderer/counter/open-bill';
import type { PosDb } from '../../../../renderer/db/pos-db';
import { readSetting, writeSetting } from '../../../../renderer/db/settings';

// The bill being rung up lives in IndexedDB as well as in memory (fake-indexeddb here: Node has none).
let db: PosDb;
beforeEach(() => {
  setActivePinia(createPinia());
  db = openPosDb(`open-bill-${crypto.randomUUID()}`);
});
afterEach(() => {
  stopKeepingOpenBill();
  db.close();
});

const dish = catalogItem({ itemId: 'gbjd', name: '宫保鸡丁', priceFen: 3800, categoryId: 'hot' });
const rice = catalogItem({ itemId: 'mifan', name: '米饭', priceFen: 300, categoryId: 'hot' });
const member = { memberId: 'm-1', phone: '13800138001', name: '李女士', gender: 'female', birthday: null, note: null, level: '普通', points: 12, visits: 3, vouchersHeld: 0, aliasIds: [], pending: false, version: 2 } as const;

/** Waits until the stored bill satisfies `check` (saving is asynchronous). */
async function stored(check: (bill: OpenBill | undefined) => boolean): Promise<OpenBill | undefined> {
  for (let i = 0; i < 100; i += 1) {
    const bill = await readSetting(db, 'openBill');
    if (check(bill)) return bill;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the stored bill never matched');
}

describe('the open bill', () => {
  it('is saved on every change, member included, and deleted once the bill is cleared', async () => {
    expect(await keepOpenBill()).toBe(false);
    const cart = useCartStore();
    const counter = useCounterStore();
    cart.addItem(dish);
    cart.addItem(dish);
    expect((await stored((b) => b?.lines[0]?.quantity === 2))?.lines).toMatchObject([{ itemId: 'gbjd', quantity: 2, unitPriceFen: 3800 }]);
    await db.counterMembers.put({ ...member, aliasIds: [] });
    counter.member = { ...member, aliasIds: [] };
    cart.memberId = member.memberId;
    cart.tableNo = '8';
    expect(await stored((b) => b?.member?.memberId === 'm-1' && b.tableNo === '8')).toMatchObject({ memberId: 'm-1', tableNo: '8' });
    cart.clear();
    counter.clearMember();
    expect(await stored((b) => b === undefined)).toBeUndefined();
  });

  it('comes back at start as it was saved, and says it was restored', async () => {
    await db.counterMembers.put({ ...member, points: 40, aliasIds: [] });
    await writeSetting(db, 'openBill', {
      lines: [{ lineId: 'l-1', itemId: 'mifan', name: '米饭', unitPriceFen: 300, quantity: 3, discountFen: 0, note: '少盐', voucherRedemptionId: null }],
      orderDiscountFen: 100, vouchers: [], tenders: [], memberId: 'm-1', member: { ...member, aliasIds: [] },
      serviceMode: 'take_away', tableNo: '', note: '打包', selectedLineId: 'l-1',
    });
    expect(await keepOpenBill()).toBe(true);
    expect(billRestored.value).toBe(true);
    const cart = useCartStore();
    expect(cart.lines).toMatchObject([{ lineId: 'l-1', quantity: 3, note: '少盐' }]);
    expect({ discount: cart.orderDiscountFen, mode: cart.serviceMode, note: cart.note, memberId: cart.memberId }).toEqual({ discount: 100, mode: 'take_away', note: '打包', memberId: 'm-1' });
    // The member as the mirror has them now, not as they were when saved.
    expect(useCounterStore().member?.points).toBe(40);
    // A line with a note stays apart: the next rice is a line of its own, saved too.
    cart.addItem(rice);
    expect((await stored((b) => b?.lines.length === 2))?.lines.map((l) => [l.itemId, l.quantity, l.note])).toEqual([['mifan', 3, '少盐'], ['mifan', 1, null]]);
  });

  it('restores nothing from a blank saved bill', async () => {
    await writeSetting(db, 'openBill', { lines: [], orderDiscountFen: 0, vouchers: [], tenders: [], memberId: null, member: null, serviceMode: 'dine_in', tableNo: ' ', note: '', selectedLineId: null });
    expect(await keepOpenBill()).toBe(false);
    expect(billRestored.value).toBe(false);
    expect(useCartStore().empty).toBe(true);
  });
});
