import type { BenchGroup } from '../figures';
import { receiptGroup } from './receipt';

/** Each issue adds its group here: redeem, flash-sale, sync, receipt, pos. */
export const groups: BenchGroup[] = [receiptGroup];
