/** Shift reports, receipt prints and the terminal's history of shifts and sales. */
export const reportsZhCN = {
  print: {
    noPrinter: '未配置打印机，没有打印',
    sending: '正在发送到打印机…',
    queued: '已排队，等待打印',
    printing: '正在打印…',
    waiting: '等待打印机（{reason}），恢复后自动打印',
    printed: '已打印',
    sent: '已发送到打印机',
    failed: '打印失败：{reason}',
    unqueued: '没有打印：{reason}',
    retry: '重新打印',
  },
  sale: {
    stored: '已保存',
  },
  shift: {
    redemptions: '核销',
    redemptionsCount: '核销笔数',
    offline: '其中离线',
    reversed: '其中已撤销',
    history: '历史班次（近 {days} 天）',
    noHistory: '本机暂无已交班记录',
    pastShift: '已交班 {opened} – {closed}',
    back: '返回当前班次',
    view: '查看',
    reprintZ: '重印 Z 报表',
    reprintReceipt: '重印小票',
    cashiers: '收银员 {names}',
  },
  history: {
    reversed: '已撤销',
  },
};
