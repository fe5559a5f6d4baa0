import { formatVoucherCode } from '../../core/voucher-code';
import type { DemoInfo } from './demo-info';

/**
 * What the server prints at start in demo mode (and so what `npm start` shows): the one place
 * full voucher codes and the demo PINs are shown, so a newcomer can try the counter.
 */
export function demoBanner(demo: DemoInfo): string {
  const lines = [
    '',
    `Hexiao demo — ${demo.merchant.name} · ${demo.store.name} · ${demo.terminal.name}`,
    `  server        ${demo.serverUrl}`,
    `  pairing code  ${demo.pairingCode}  (single use, until ${demo.pairingExpiresAt})`,
    '  voucher codes:',
    ...demo.vouchers.map(
      (v) => `    ${formatVoucherCode(v.code)}  ${v.campaignTitle}  ${v.remaining}/${v.uses} uses  ${v.storeNames.join('、')}`,
    ),
    ...counterPinLines(demo.counterUsers ?? []),
    ...(demo.sales
      ? [
          `  flash sale    POST ${demo.serverUrl}/api/v1/flash-sales/${demo.sales.flashSale.campaignId}/orders  (${demo.sales.flashSale.title})`,
          `  channel       ${demo.sales.channel.name}  webhook secret ${demo.sales.channel.secret}  (X-Hexiao-Merchant: ${demo.merchant.id})`,
        ]
      : []),
    ...(demo.backOffice ?? []).map((u) => `  back office   merchant ${demo.merchant.code}  ${u.login} / ${u.password}  (${u.role})`),
    '',
  ];
  return lines.join('\n');
}

/** One line per store: who signs in at its counter and with which PIN (a manager also approves). */
function counterPinLines(users: NonNullable<DemoInfo['counterUsers']>): string[] {
  if (users.length === 0) return [];
  const byStore = new Map<string, string[]>();
  for (const u of users) {
    const role = u.role === 'manager' ? '店长 manager' : '收银员 cashier';
    byStore.set(u.storeName, [...(byStore.get(u.storeName) ?? []), `${u.name} PIN ${u.pin} (${role})`]);
  }
  return ['  counter PINs (POS sign-in; a manager PIN also approves reversals and discounts):', ...[...byStore].map(([store, who]) => `    ${store}  ${who.join(' · ')}`)];
}
