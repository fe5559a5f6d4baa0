import type { Db } from '../db/database';
import { importCatalog, type ItemInput } from '../counter/catalog-admin';
import { addTerminalUser, type TerminalRole } from '../counter/terminal-users';
import { inTransaction } from '../sync/sql/run-steps';
import { q, type Steps } from '../sync/sql/steps';

const CATEGORIES = [
  { id: 'demo-cat-signature', name: '招牌菜', sort: 1 },
  { id: 'demo-cat-hot', name: '热菜', sort: 2 },
  { id: 'demo-cat-cold', name: '凉菜', sort: 3 },
  { id: 'demo-cat-staple', name: '主食', sort: 4 },
  { id: 'demo-cat-drinks', name: '饮品', sort: 5 },
];

const MENU: [category: string, name: string, yuan: number][] = [
  ['signature', '招牌红烧肉', 68], ['signature', '北京烤鸭', 128], ['signature', '松鼠鳜鱼', 98], ['signature', '东坡肘子', 88], ['signature', '剁椒鱼头', 78],
  ['hot', '宫保鸡丁', 38], ['hot', '鱼香肉丝', 32], ['hot', '麻婆豆腐', 26], ['hot', '回锅肉', 36], ['hot', '干煸四季豆', 28], ['hot', '水煮牛肉', 58], ['hot', '糖醋里脊', 42],
  ['cold', '拍黄瓜', 12], ['cold', '夫妻肺片', 32], ['cold', '口水鸡', 36], ['cold', '凉拌木耳', 16], ['cold', '皮蛋豆腐', 14],
  ['staple', '米饭', 3], ['staple', '扬州炒饭', 22], ['staple', '担担面', 18], ['staple', '葱油饼', 12], ['staple', '小笼包', 24], ['staple', '水饺', 20],
  ['drinks', '酸梅汤', 8], ['drinks', '鲜榨橙汁', 18], ['drinks', '可口可乐', 6], ['drinks', '青岛啤酒', 10], ['drinks', '菊花茶', 12], ['drinks', '矿泉水', 4], ['drinks', '豆浆', 6],
];

/** An EAN-13 with its check digit, from a 12-digit body. */
function ean13(body: string): string {
  const sum = [...body].reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

export function demoCatalogItems(): ItemInput[] {
  return MENU.map(([category, name, yuan], i) => ({
    id: `demo-item-${String(i + 1).padStart(2, '0')}`,
    categoryId: `demo-cat-${category}`,
    name,
    barcode: ean13(`690000000${String(i + 1).padStart(3, '0')}`),
    priceFen: yuan * 100,
  }));
}

/** Demo PINs, the same at every store: printed in demo.json so a person can try the counter. */
export const DEMO_COUNTER_USERS: readonly { name: string; role: TerminalRole; pin: string }[] = [
  { name: '小王', role: 'cashier', pin: '1234' },
  { name: '李店长', role: 'manager', pin: '8888' },
];

export interface DemoCounterUser {
  storeName: string;
  userId: string;
  name: string;
  role: TerminalRole;
  pin: string;
}

/** A restaurant's catalog, a cashier and a manager per store, and the points rule (1 point per yuan, 100 points = ￥1). */
export async function seedDemoCounter(db: Db, merchantId: string, stores: ReadonlyMap<string, string>, now: Date): Promise<DemoCounterUser[]> {
  await importCatalog(db, merchantId, { categories: CATEGORIES, items: demoCatalogItems() }, now);
  await inTransaction(db, function* (): Steps<void> {
    yield q(
      `INSERT INTO counter_settings (merchant_id, discount_pin_above_fen, earn_fen_per_point, redeem_fen_per_point, restore_voucher_on_refund,
         pin_max_failures, pin_lock_minutes, updated_at) VALUES (?, 2000, 100, 1, 1, 5, 15, ?)`,
      [merchantId, now.toISOString()],
    );
  });
  const users: DemoCounterUser[] = [];
  for (const [storeName, storeId] of stores) {
    for (const user of DEMO_COUNTER_USERS) {
      const { id } = await addTerminalUser(db, merchantId, { storeId, ...user }, now);
      users.push({ storeName, userId: id, ...user });
    }
  }
  return users;
}

/** The demo cashiers and managers with their PINs, for demo.json (PINs are the known demo constants). */
export async function demoCounterUsers(db: Db, merchantId: string): Promise<DemoCounterUser[]> {
  const rows = await db.kysely
    .selectFrom('terminal_users as u')
    .innerJoin('stores as s', (j) => j.onRef('s.merchant_id', '=', 'u.merchant_id').onRef('s.id', '=', 'u.store_id'))
    .select(['u.id', 'u.name', 'u.role', 's.name as store_name'])
    .where('u.merchant_id', '=', merchantId)
    .orderBy('s.name')
    .orderBy('u.role')
    .execute();
  return rows.flatMap((r) => {
    const known = DEMO_COUNTER_USERS.find((u) => u.name === r.name && u.role === r.role);
    return known ? [{ storeName: r.store_name, userId: r.id, name: r.name, role: r.role, pin: known.pin }] : [];
  });
}
