import type { CashMessages, cashErrorsZhCN } from './cash-zh-CN';

export const cashEn: CashMessages = {
  title: 'Cash in / out',
  in: 'Pay in',
  out: 'Pay out',
  amount: 'Amount (yuan)',
  reason: 'Reason',
  reasonOptional: 'Reason (optional)',
  picks: { float: 'Change float', bank: 'Bank deposit', purchase: 'Purchase' },
  submitIn: 'Pay cash in',
  submitOut: 'Pay cash out',
  outHint: 'A pay-out needs a manager and at most {amount} (cash expected in the till)',
  approveOut: 'Paying cash out needs a manager',
  moves: 'Cash movements',
  none: 'No cash moved in this shift yet',
  approvedBy: 'approved',
  report: { in: 'Paid in', out: 'Paid out' },
  status: { pending: 'Waiting to sync', accepted: 'Synced', rejected: 'Refused' },
};

export const cashErrorsEn: typeof cashErrorsZhCN = {
  CASH_AMOUNT_INVALID: 'Enter an amount above zero (at most two decimals)',
  CASH_REASON_REQUIRED: 'Say why the cash is paid out',
  CASH_OUT_EXCEEDS_TILL: 'The pay-out is more than the cash expected in the till',
  PIN_FORMAT_INVALID: 'A PIN is 4 to 6 digits',
  PIN_TAKEN: 'Someone at this store already uses this PIN; choose another',
};
