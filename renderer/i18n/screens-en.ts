import type { screensZhCN } from './screens-zh-CN';

export const screensEn: typeof screensZhCN = {
  approve: {
    shiftOpen: 'Opening a shift needs a manager PIN',
    shiftClose: 'Closing the shift needs a manager PIN',
    refund: 'A refund needs a manager PIN',
    cashOut: 'Taking cash out needs a manager PIN',
    syncMembers: 'Syncing members needs a manager PIN',
    voucher: 'This offline redemption is beyond the reserved amount: it needs a manager PIN',
    discount: 'A discount over {amount} needs a manager PIN',
    reverse: 'Reversing a redemption needs a manager PIN',
  },
  catalog: {
    more: 'Showing {shown} of {total}: search for the rest',
    uncategorised: 'Other',
    empty: 'No items in this category',
    noCatalog: 'The catalog has not synced yet',
  },
  bill: {
    restored: 'The unfinished bill was restored',
  },
  lastUses: {
    title: 'Last uses',
    offlineTitle: 'Uses this terminal knows of (offline, may be incomplete)',
    unknownCashier: 'cashier unknown',
    unknownStore: 'store unknown',
    unknownTerminal: 'terminal unknown',
    offline: 'Offline',
    count: '×{count}',
    reversed: 'Reversed',
  },
  sound: {
    title: 'Scan sound',
    hint: 'A short tone on each scan: one for accepted, another for refused',
    on: 'On',
    off: 'Off',
  },
};
