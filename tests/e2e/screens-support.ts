import type { Page } from 'playwright-core';
import { createCampaign, createMerchant, createStore, createTerminal, issueVouchers } from '../../server/repositories/merchant-setup';
import { importCatalog } from '../../server/counter/catalog-admin';
import type { RunningServer } from '../../server';
import { setStorePolicy } from '../property/support/sync-world';

const DAY = 86_400_000;

/** ASCII digits as a Chinese IME types them (full width). */
export function fullWidth(text: string): string {
  return text.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
}

/** A merchant with one store, a two-category catalog, cash vouchers and two terminals. */
export async function buildScreensWorld(server: RunningServer) {
  const db = server.db;
  const merchant = await createMerchant(db, { name: '好味餐饮' });
  const store = await createStore(db, merchant.id, '徐汇店');
  await setStorePolicy(db, merchant.id, store.id, { leaseMultiStore: true });
  const cash = await createCampaign(db, merchant.id, {
    kind: 'cash', title: '50元代金券', priceFen: 4_500, faceValueFen: 5_000, usesPerVoucher: 1,
    validFrom: new Date(Date.now() - DAY), validUntil: new Date(Date.now() + 30 * DAY), storeIds: [store.id],
  });
  const vouchers = await issueVouchers(db, merchant.id, cash, { count: 6 });
  await importCatalog(db, merchant.id, {
    categories: [{ id: 'hot', name: '热菜' }, { id: 'drink', name: '饮品' }],
    items: [
      { id: 'gbjd', categoryId: 'hot', name: '宫保鸡丁', priceFen: 3_800 },
      { id: 'yxrs', categoryId: 'hot', name: '鱼香肉丝', priceFen: 3_200 },
      { id: 'mifan', categoryId: 'hot', name: '米饭', priceFen: 300 },
      { id: 'cola', categoryId: 'drink', name: '可口可乐 330ml', barcode: '6928804011173', priceFen: 500 },
    ],
  });
  const terminal = await createTerminal(db, merchant.id, store.id, '徐汇店 1 号机');
  const second = await createTerminal(db, merchant.id, store.id, '徐汇店 2 号机');
  return { merchant, store, terminal, second, vouchers };
}

export interface LayoutMeasure {
  viewport: number;
  scrollWidth: number;
  /** Visible elements whose right edge passes the viewport: tag, test id or class, and that edge. */
  over: string[];
}

/** How wide the page really is, and what sticks out to the right. */
export function measureLayout(page: Page): Promise<LayoutMeasure> {
  return page.evaluate(() => {
    const viewport = window.innerWidth;
    const over: string[] = [];
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      if (box.right > viewport + 0.5) {
        const name = el.getAttribute('data-testid') ?? (typeof el.className === 'string' ? el.className : '');
        over.push(`${el.tagName.toLowerCase()}.${name} → ${Math.round(box.right)}`);
      }
    }
    return { viewport, scrollWidth: document.documentElement.scrollWidth, over: over.slice(0, 8) };
  });
}

/** Records the frequency of every tone the page starts, by watching the real Web Audio API. */
export const TONE_RECORDER = `
  window.__tones = [];
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (...args) {
    window.__tones.push(this.frequency.value);
    return start.apply(this, args);
  };
`;

export function tonesHeard(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { __tones: number[] }).__tones.slice());
}
