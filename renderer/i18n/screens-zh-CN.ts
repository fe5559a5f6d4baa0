/** The counter-truth screens (issue #10, points 15–21): approvals, catalog grid, open bill, last uses, scan sound. */
export const screensZhCN = {
  /** What a manager's PIN approves: each names its action. */
  approve: {
    shiftOpen: '开班需要店长 PIN 授权',
    shiftClose: '交班需要店长 PIN 授权',
    refund: '退款需要店长 PIN 授权',
    cashOut: '取出现金需要店长 PIN 授权',
    syncMembers: '同步会员需要店长 PIN 授权',
    voucher: '离线临时核销超过授权金额，需要店长 PIN 授权',
    discount: '折扣超过 {amount}，需要店长 PIN 授权',
    reverse: '撤销核销需要店长 PIN 授权',
  },
  catalog: {
    more: '显示前 {shown} 个（共 {total} 个），更多请搜索',
    uncategorised: '其他',
    empty: '此分类暂无商品',
    noCatalog: '商品目录尚未同步',
  },
  bill: {
    restored: '已恢复上次未结账的账单',
  },
  lastUses: {
    title: '最近使用记录',
    offlineTitle: '本机记录的使用（离线，可能不完整）',
    unknownCashier: '收银员未知',
    unknownStore: '门店未知',
    unknownTerminal: '收银机未知',
    offline: '离线',
    count: '{count} 次',
    reversed: '已撤销',
  },
  sound: {
    title: '扫码提示音',
    hint: '扫码成功和失败时发出不同的短提示音',
    on: '开',
    off: '关',
  },
};
