/** Cash in / out during a shift (现金存取), Simplified Chinese first. */
export const cashZhCN = {
  title: '现金存取',
  in: '存入',
  out: '取出',
  amount: '金额（元）',
  reason: '原因',
  reasonOptional: '原因（选填）',
  picks: { float: '找零备用金', bank: '存银行', purchase: '采购' },
  submitIn: '存入现金',
  submitOut: '取出现金',
  outHint: '取出需店长授权，最多 {amount}（钱箱应有现金）',
  approveOut: '取出现金需要店长授权',
  moves: '存取记录',
  none: '本班次还没有存取',
  approvedBy: '授权',
  report: { in: '现金存入', out: '现金取出' },
  status: { pending: '待同步', accepted: '已同步', rejected: '被拒绝' },
};

export type CashMessages = typeof cashZhCN;

export const cashErrorsZhCN = {
  CASH_AMOUNT_INVALID: '请输入大于零的金额（最多两位小数）',
  CASH_REASON_REQUIRED: '取出现金请填写原因',
  CASH_OUT_EXCEEDS_TILL: '取出金额超过钱箱应有现金',
  PIN_FORMAT_INVALID: 'PIN 应为 4–6 位数字',
  PIN_TAKEN: '本店已有员工使用这个 PIN，请换一个',
};
