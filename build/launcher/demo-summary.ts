import { formatVoucherCode } from '../../core/voucher-code';
import type { DemoFile } from './demo-file';

/** The demo codes a person can type at the counter, one per line. */
export function demoSummary(demo: DemoFile, limit = 8): string {
  const lines = demo.vouchers.slice(0, limit).map((voucher) => {
    const uses = voucher.uses === 1 ? '1 use' : `${voucher.uses} uses`;
    return `  ${formatVoucherCode(voucher.code)}   ${voucher.campaignTitle} (${uses}; ${voucher.storeNames.join(', ')})`;
  });
  const more = demo.vouchers.length > limit ? [`  … and ${demo.vouchers.length - limit} more in demo.json`] : [];
  return ['Demo voucher codes:', ...lines, ...more].join('\n');
}
