import type { tenderErrorsZhCN, tenderZhCN } from './tender-zh-CN';

/** Points as a tender in the payment dialog (en). */
export const tenderEn: typeof tenderZhCN = {
  pointsField: 'Points to use',
  pointsAll: 'All',
  pointsBalance: 'Member has {points} points, worth {value}',
  pointsMost: 'Up to {points} points on this bill ({value})',
  pointsCount: '{points} pts',
  pointsEarn: 'Points earned on this bill',
  pointsAfterSale: 'Member points: {spent} used, {earned} earned, {balance} left',
};

export const tenderErrorsEn: typeof tenderErrorsZhCN = {
  POINTS_NOT_WHOLE: 'Points must be a whole number above zero',
  POINTS_EXCEED_DUE: 'The points pay more than is left to pay',
  POINTS_NEED_MEMBER: 'Add a member to the bill to pay with points',
  POINTS_NOT_ACCEPTED: 'This merchant does not take points as payment',
};
