/** Points as a tender in the payment dialog (zh-CN). */
export const tenderZhCN = {
  pointsField: '使用积分（分）',
  pointsAll: '全部',
  pointsBalance: '会员积分 {points} 分，可抵 {value}',
  pointsMost: '本单最多可用 {points} 分（{value}）',
  pointsCount: '{points} 分',
  pointsEarn: '本单可得积分',
  pointsAfterSale: '会员积分：使用 {spent}，获得 {earned}，余额 {balance}',
};

export const tenderErrorsZhCN = {
  POINTS_NOT_WHOLE: '积分须为大于零的整数',
  POINTS_EXCEED_DUE: '积分抵扣超过了待付金额',
  POINTS_NEED_MEMBER: '请先在账单上添加会员，才能使用积分',
  POINTS_NOT_ACCEPTED: '本商户不接受积分抵扣',
};
