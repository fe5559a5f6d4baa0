import type { BenchGroup } from '../figures';
import { adminGroup } from './admin';
import { flashSaleGroup } from './flash-sale';
import { guessingGroup } from './guessing';
import { metricsGroup } from './metrics';
import { posGroup } from './pos';
import { receiptGroup } from './receipt';
import { redeemGroup } from './redeem';
import { scaleoutGroup } from './scaleout';
import { syncGroup } from './sync';
import { syncTerminalGroup } from './sync-terminal';

/** Each issue adds its group here: redeem, flash-sale, sync, receipt, pos. */
export const groups: BenchGroup[] = [redeemGroup, flashSaleGroup, syncGroup, syncTerminalGroup, receiptGroup, posGroup, adminGroup, metricsGroup, scaleoutGroup, guessingGroup];
