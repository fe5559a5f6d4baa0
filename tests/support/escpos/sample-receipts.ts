import type { ReceiptLocale } from '../../../core/receipt/labels';
import type { KitchenTicketData } from '../../../core/receipt/templates/kitchen-ticket';
import type { RedemptionSlipData } from '../../../core/receipt/templates/redemption-slip';
import type { SaleReceiptData } from '../../../core/receipt/templates/sale-receipt';
import type { ShiftReportData } from '../../../core/receipt/templates/shift-report';

/** Realistic template inputs, fixed so that golden bytes stay stable. */

const zh = (locale: ReceiptLocale): boolean => locale === 'zh-CN';

export function sampleContext(locale: ReceiptLocale) {
  return {
    locale,
    timeZone: 'Asia/Shanghai',
    storeName: zh(locale) ? '光明食堂（徐汇店）' : 'Guangming Canteen Xuhui',
    terminalId: 'T-02',
    cashierName: zh(locale) ? '王小明' : 'Wang Xiaoming',
  };
}

export function sampleRedemptionSlip(locale: ReceiptLocale): RedemptionSlipData {
  return {
    ...sampleContext(locale),
    redemptionId: '0192f0c4-7a3e-7b21-9c55-3d2e8f6a1b40',
    code: '123456789018',
    campaignTitle: zh(locale) ? '双人火锅套餐 ¥168 秒杀券🔥' : 'Hotpot for two, ¥168 flash deal 🔥',
    count: 1,
    remaining: 2,
    at: '2026-11-25T04:05:06Z',
    mode: 'online',
  };
}

export function sampleSaleReceipt(locale: ReceiptLocale): SaleReceiptData {
  const names = zh(locale)
    ? ['宫保鸡丁', '麻婆豆腐（微辣）', '米饭', '酸梅汤 大杯', '招牌红烧肉配时令蔬菜和手工馒头']
    : ['Kung Pao Chicken', 'Mapo Tofu (mild)', 'Rice', 'Sour plum drink, large', 'Braised pork belly with seasonal greens'];
  return {
    ...sampleContext(locale),
    receiptNo: 'S-20261125-0042',
    at: '2026-11-25T04:30:00Z',
    lines: [
      { name: names[0]!, quantity: 1, totalFen: 3800 },
      { name: names[1]!, quantity: 1, totalFen: 2600 },
      { name: names[2]!, quantity: 3, totalFen: 600 },
      { name: names[3]!, quantity: 2, totalFen: 2400 },
      { name: names[4]!, quantity: 1, totalFen: 6800 },
    ],
    subtotalFen: 16200,
    discounts: [{ label: zh(locale) ? '会员95折' : 'member 5%', amountFen: 810 }],
    voucherTenders: [{ campaignTitle: zh(locale) ? '50元代金券' : '50 yuan voucher', codeMasked: '**** **** 9018', amountFen: 5000 }],
    totalFen: 10390,
    payments: [
      { method: 'wechat', amountFen: 10000 },
      { method: 'cash', amountFen: 500 },
    ],
    changeFen: 110,
    member: { phoneMasked: '138****1234', pointsEarned: 103, pointsBalance: 2450 },
    footerQr: 'https://fapiao.example.cn/i/S-20261125-0042',
    openDrawer: true,
  };
}

export function sampleShiftReport(locale: ReceiptLocale): ShiftReportData {
  return {
    ...sampleContext(locale),
    kind: 'Z',
    shiftId: 'SH-20261125-T02-1',
    businessDay: '2026-11-25',
    openedAt: '2026-11-25T01:00:00Z',
    closedAt: '2026-11-25T14:00:00Z',
    salesCount: 128,
    salesTotalFen: 1_234_500,
    refundsCount: 2,
    refundsTotalFen: 5600,
    redemptions: {
      redemptions: 57, uses: 60, offline: 9, reversed: 1,
      byCampaign: [
        { campaignKey: 'c1', title: zh(locale) ? '双人火锅套餐' : 'Hotpot for two', redemptions: 40, uses: 43, offline: 6, reversed: 1 },
        { campaignKey: 'c2', title: zh(locale) ? '50元代金券' : '¥50 cash voucher', redemptions: 17, uses: 17, offline: 3, reversed: 0 },
      ],
    },
    payments: [
      { method: 'wechat', count: 80, amountFen: 812_300 },
      { method: 'alipay', count: 30, amountFen: 301_200 },
      { method: 'cash', count: 18, amountFen: 121_000 },
    ],
    cashOpeningFen: 50_000,
    cashSalesFen: 121_000,
    cashRefundsFen: 2_000,
    cashIn: { count: 1, amountFen: 10_000 },
    cashOut: { count: 2, amountFen: 8_000 },
    cashExpectedFen: 171_000,
    cashCountedFen: 170_900,
  };
}

export function sampleKitchenTicket(locale: ReceiptLocale): KitchenTicketData {
  return {
    ...sampleContext(locale),
    orderNo: 'A042',
    table: '12',
    at: '2026-11-25T04:31:00Z',
    items: zh(locale)
      ? [
          { name: '宫保鸡丁', quantity: 1 },
          { name: '麻婆豆腐', quantity: 1, note: '微辣，不要葱' },
          { name: '米饭', quantity: 3 },
        ]
      : [
          { name: 'Kung Pao Chicken', quantity: 1 },
          { name: 'Mapo Tofu', quantity: 1, note: 'mild, no scallions' },
          { name: 'Rice', quantity: 3 },
        ],
    note: zh(locale) ? '赶时间，先上凉菜' : 'In a hurry, cold dishes first',
  };
}
