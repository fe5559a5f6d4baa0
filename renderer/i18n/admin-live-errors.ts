/** Messages for the error codes of the back office's dashboard, live panel, campaigns and channels. */
export const adminLiveErrorsZhCN = {
  CHANNEL_EXISTS: '该渠道已有密钥，请使用“轮换”生成新密钥',
  VOUCHER_ALREADY_USED: '此券已核销过，不能作废',
  LIVE_TICKET_INVALID: '实时面板连接凭证无效或已过期，请刷新页面',
};

export const adminLiveErrorsEn: typeof adminLiveErrorsZhCN = {
  CHANNEL_EXISTS: 'This channel already has a secret; rotate it to get a new one',
  VOUCHER_ALREADY_USED: 'This voucher has been redeemed and cannot be voided',
  LIVE_TICKET_INVALID: 'The live panel ticket is invalid or expired; reload the page',
};
