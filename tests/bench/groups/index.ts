import type { BenchGroup } from '../figures';

/** Each issue adds its group here: redeem, flash-sale, sync, receipt, pos. */
export const groups: BenchGroup[] = [];
