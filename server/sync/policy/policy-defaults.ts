import type { StorePolicyRow } from '../../../core/sync';

/** What a store may do offline when its merchant has set nothing: provisional rules, no multi-store leases. */
export const DEFAULT_POLICY = {
  provisionalEnabled: true,
  maxCountPerTerminal: 20,
  maxValueFenPerTerminal: 100_000,
  maxOfflineHours: 24,
  managerPinAboveFen: 20_000,
  reverseWindowMinutes: 30,
  leaseMultiStore: false,
  leaseHours: 72,
} as const;

export interface StorePolicy {
  storeId: string;
  provisionalEnabled: boolean;
  maxCountPerTerminal: number;
  maxValueFenPerTerminal: number;
  maxOfflineHours: number;
  managerPinAboveFen: number;
  reverseWindowMinutes: number;
  /** Multi-store vouchers are leased whole to this store when it pulls them and nobody holds them. */
  leaseMultiStore: boolean;
  leaseHours: number;
}

export function defaultPolicy(storeId: string): StorePolicy {
  return { storeId, ...DEFAULT_POLICY };
}

export function policyFromRow(row: Record<string, unknown>): StorePolicy {
  return {
    storeId: String(row['store_id']),
    provisionalEnabled: Number(row['provisional_enabled']) === 1,
    maxCountPerTerminal: Number(row['max_count_per_terminal']),
    maxValueFenPerTerminal: Number(row['max_value_fen_per_terminal']),
    maxOfflineHours: Number(row['max_offline_hours']),
    managerPinAboveFen: Number(row['manager_pin_above_fen']),
    reverseWindowMinutes: Number(row['reverse_window_minutes']),
    leaseMultiStore: Number(row['lease_multi_store']) === 1,
    leaseHours: Number(row['lease_hours']),
  };
}

export function policyRow(policy: StorePolicy, managers: StorePolicyRow['managers']): StorePolicyRow {
  return {
    storeId: policy.storeId,
    provisional: {
      enabled: policy.provisionalEnabled,
      maxCountPerTerminal: policy.maxCountPerTerminal,
      maxValueFenPerTerminal: policy.maxValueFenPerTerminal,
      maxOfflineHours: policy.maxOfflineHours,
      managerPinAboveFen: policy.managerPinAboveFen,
    },
    reverseWindowMinutes: policy.reverseWindowMinutes,
    managers,
  };
}
