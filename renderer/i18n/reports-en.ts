import type { reportsZhCN } from './reports-zh-CN';

export const reportsEn: typeof reportsZhCN = {
  print: {
    noPrinter: 'No printer set up; nothing printed',
    sending: 'Sending to the printer…',
    queued: 'Queued for printing',
    printing: 'Printing…',
    waiting: 'Waiting for the printer ({reason}); prints when it is back',
    printed: 'Printed',
    sent: 'Sent to the printer',
    failed: 'Print failed: {reason}',
    unqueued: 'Not printed: {reason}',
    retry: 'Print again',
  },
  sale: {
    stored: 'Stored',
  },
  shift: {
    redemptions: 'Redemptions',
    redemptionsCount: 'Redemptions',
    offline: 'of which offline',
    reversed: 'of which reversed',
    history: 'Past shifts (last {days} days)',
    noHistory: 'No closed shifts on this terminal',
    pastShift: 'Closed {opened} – {closed}',
    back: 'Back to the current shift',
    view: 'View',
    reprintZ: 'Reprint Z report',
    reprintReceipt: 'Reprint receipt',
    cashiers: 'Cashier {names}',
  },
  history: {
    reversed: 'Reversed',
  },
};
