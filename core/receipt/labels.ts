/** Printed wording of every template, per locale. Keys say what the label is for. */
export type ReceiptLocale = 'zh-CN' | 'en';

export type PaymentMethod = 'cash' | 'wechat' | 'alipay' | 'card' | 'voucher' | 'points' | 'other';

export interface ReceiptLabels {
  saleReceipt: string;
  receiptNo: string;
  time: string;
  store: string;
  terminal: string;
  cashier: string;
  item: string;
  qty: string;
  amount: string;
  subtotal: string;
  discount: string;
  voucherTender: string;
  total: string;
  paid: string;
  change: string;
  member: string;
  pointsSpent: string;
  pointsEarned: string;
  pointsBalance: string;
  payment: Record<PaymentMethod, string>;
  thanks: string;
  redemptionSlip: string;
  voucherCode: string;
  campaign: string;
  redeemedCount: string;
  remaining: string;
  redemptionId: string;
  offlinePending: string;
  customerCopy: string;
  xReport: string;
  zReport: string;
  /** Under an X report's title: the shift is still open, nothing was counted. */
  midShiftNote: string;
  printedAt: string;
  businessDay: string;
  shiftOpened: string;
  shiftClosed: string;
  salesCount: string;
  salesTotal: string;
  refunds: string;
  redemptions: string;
  offlineRedemptions: string;
  reversedRedemptions: string;
  redemptionsByCampaign: string;
  /** Printed large on a reprint of a reversed redemption. */
  voided: string;
  byPayment: string;
  cashOpening: string;
  cashSales: string;
  cashRefunds: string;
  cashIn: string;
  cashOut: string;
  cashExpected: string;
  cashCounted: string;
  cashDifference: string;
  kitchenTicket: string;
  order: string;
  table: string;
  note: string;
  reprint: string;
}

const ZH: ReceiptLabels = {
  saleReceipt: '销售小票',
  receiptNo: '单号',
  time: '时间',
  store: '门店',
  terminal: '收银机',
  cashier: '收银员',
  item: '商品',
  qty: '数量',
  amount: '金额',
  subtotal: '小计',
  discount: '优惠',
  voucherTender: '券抵扣',
  total: '合计',
  paid: '实收',
  change: '找零',
  member: '会员',
  pointsSpent: '本次使用积分',
  pointsEarned: '本次积分',
  pointsBalance: '积分余额',
  payment: { cash: '现金', wechat: '微信支付', alipay: '支付宝', card: '银行卡', voucher: '代金券', points: '积分抵扣', other: '其他' },
  thanks: '谢谢惠顾，欢迎再次光临',
  redemptionSlip: '核销凭证',
  voucherCode: '券码',
  campaign: '活动',
  redeemedCount: '核销次数',
  remaining: '剩余次数',
  redemptionId: '核销单号',
  offlinePending: '离线核销，待同步确认',
  customerCopy: '顾客联',
  xReport: 'X 报表（班中）',
  zReport: 'Z 报表（交班）',
  midShiftNote: '班次进行中，未清点现金',
  printedAt: '打印时间',
  businessDay: '营业日',
  shiftOpened: '开班',
  shiftClosed: '交班',
  salesCount: '销售笔数',
  salesTotal: '销售金额',
  refunds: '退款',
  redemptions: '核销笔数',
  offlineRedemptions: '其中离线',
  reversedRedemptions: '其中已撤销',
  redemptionsByCampaign: '核销（按活动）',
  voided: '已撤销',
  byPayment: '收款方式',
  cashOpening: '备用金',
  cashSales: '现金收入',
  cashRefunds: '现金退款',
  cashIn: '现金存入',
  cashOut: '现金取出',
  cashExpected: '应有现金',
  cashCounted: '实点现金',
  cashDifference: '差额',
  kitchenTicket: '厨房单',
  order: '订单',
  table: '桌号',
  note: '备注',
  reprint: '重印',
};

const EN: ReceiptLabels = {
  saleReceipt: 'SALES RECEIPT',
  receiptNo: 'Receipt',
  time: 'Time',
  store: 'Store',
  terminal: 'Terminal',
  cashier: 'Cashier',
  item: 'Item',
  qty: 'Qty',
  amount: 'Amount',
  subtotal: 'Subtotal',
  discount: 'Discount',
  voucherTender: 'Voucher',
  total: 'TOTAL',
  paid: 'Paid',
  change: 'Change',
  member: 'Member',
  pointsSpent: 'Points used',
  pointsEarned: 'Points earned',
  pointsBalance: 'Points balance',
  payment: { cash: 'Cash', wechat: 'WeChat Pay', alipay: 'Alipay', card: 'Card', voucher: 'Voucher', points: 'Points', other: 'Other' },
  thanks: 'Thank you, see you again',
  redemptionSlip: 'REDEMPTION SLIP',
  voucherCode: 'Code',
  campaign: 'Campaign',
  redeemedCount: 'Redeemed',
  remaining: 'Remaining',
  redemptionId: 'Redemption',
  offlinePending: 'Offline: pending server confirmation',
  customerCopy: 'Customer copy',
  xReport: 'X REPORT (MID-SHIFT)',
  zReport: 'Z REPORT (SHIFT CLOSE)',
  midShiftNote: 'Shift still open; cash not counted',
  printedAt: 'Printed',
  businessDay: 'Business day',
  shiftOpened: 'Opened',
  shiftClosed: 'Closed',
  salesCount: 'Sales',
  salesTotal: 'Sales total',
  refunds: 'Refunds',
  redemptions: 'Redemptions',
  offlineRedemptions: 'of which offline',
  reversedRedemptions: 'of which reversed',
  redemptionsByCampaign: 'Redemptions by campaign',
  voided: 'VOID',
  byPayment: 'By payment',
  cashOpening: 'Opening float',
  cashSales: 'Cash sales',
  cashRefunds: 'Cash refunds',
  cashIn: 'Paid in',
  cashOut: 'Paid out',
  cashExpected: 'Cash expected',
  cashCounted: 'Cash counted',
  cashDifference: 'Difference',
  kitchenTicket: 'KITCHEN',
  order: 'Order',
  table: 'Table',
  note: 'Note',
  reprint: 'REPRINT',
};

export function receiptLabels(locale: ReceiptLocale): ReceiptLabels {
  return locale === 'zh-CN' ? ZH : EN;
}
