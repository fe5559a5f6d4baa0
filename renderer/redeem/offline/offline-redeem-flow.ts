import type { Ref, ShallowRef } from 'vue';
import type { VoucherPreview } from '../../../core/redemption-api';
import type { VoucherCode } from '../../../core/voucher-code';
import type { LocalRedemption, Pairing } from '../../db/pos-db';
import type { OfflineCheck } from './check-offline';
import type { ManagerApproval } from '../../staff/manager-pin';
import { counterCashier } from '../../staff/counter-cashier';
import { approveOffline, commitOffline, lookUpOffline } from './offline-counter';

/** The parts of the redeem store the offline path reads and moves. */
export interface OfflineFlowDeps {
  phase: Ref<string>;
  preview: Ref<VoucherPreview | null>;
  count: Ref<number>;
  offline: ShallowRef<OfflineCheck | null>;
  offlineResult: Ref<LocalRedemption | null>;
  pairing: () => Pairing | null;
  settle: (phase: 'refused' | 'failure' | 'uncertain' | 'success', reason?: string | null) => void;
  /** After an offline redemption: reload the recent list, nudge the sync engine. */
  afterRedeemed: () => Promise<void>;
  forgetAttempt: () => void;
}

function inputOf(scan: { code: string; qrToken?: string | null }) {
  return scan.qrToken ? { qrToken: scan.qrToken } : { code: scan.code };
}

/**
 * The counter's offline path: the look-up on the local mirror, the redemption through the outbox,
 * the manager PIN when the policy wants one, and the fallback for an online attempt whose answer
 * was lost — redeemed offline under the SAME id, so the server keeps one if both land.
 */
export function createOfflineFlow(deps: OfflineFlowDeps) {
  let reuseId: string | null = null;

  async function checkLocally(scan: { code: VoucherCode; qrToken: string | null }, stillCurrent: () => boolean): Promise<void> {
    const pairing = deps.pairing();
    if (!pairing) return;
    const checked = await lookUpOffline(pairing, inputOf(scan));
    if (!stillCurrent()) return;
    if (!checked.ok) return deps.settle('refused', checked.code);
    deps.offline.value = checked.value;
    deps.preview.value = checked.value.preview;
    deps.count.value = 1;
    if (!checked.value.verdict.ok) return deps.settle('refused', checked.value.verdict.code);
    deps.phase.value = 'preview';
  }

  async function confirm(approval: ManagerApproval | null = null): Promise<void> {
    const check = deps.offline.value;
    const pairing = deps.pairing();
    if (!check || !pairing) return;
    const cashier = counterCashier();
    if (!cashier) return deps.settle('refused', 'CASHIER_REQUIRED');
    deps.phase.value = 'redeeming';
    const done = await commitOffline(pairing, check, { count: deps.count.value, approval, redemptionId: reuseId, cashier });
    // The chosen count may cross the PIN threshold: ask, then come back here with the approval.
    if (!done.ok && done.code === 'MANAGER_PIN_INVALID' && !approval) {
      deps.phase.value = 'approval';
      return;
    }
    if (!done.ok) return deps.settle('failure', done.code);
    reuseId = null;
    deps.forgetAttempt();
    deps.offlineResult.value = done.value.redemption;
    const remaining = done.value.redemption.remaining ?? 0;
    const preview = deps.preview.value;
    if (preview) deps.preview.value = { ...preview, remaining, redeemed: preview.uses - remaining };
    await deps.afterRedeemed();
    deps.settle('success');
  }

  async function fallBack(attempt: { redemptionId: string; code: string; qrToken: string | null; count: number }, why: string): Promise<void> {
    const pairing = deps.pairing();
    const checked = pairing ? await lookUpOffline(pairing, inputOf(attempt), attempt.count, attempt.redemptionId) : null;
    if (!checked?.ok || !checked.value.verdict.ok) return deps.settle('uncertain', why);
    deps.offline.value = checked.value;
    reuseId = attempt.redemptionId;
    return confirm();
  }

  /** The manager typed a PIN: a failure code for the prompt to show, or null once redeemed. */
  async function approve(pin: string): Promise<string | null> {
    const check = deps.offline.value;
    if (deps.phase.value !== 'approval' || !check) return null;
    const approved = await approveOffline(check, pin);
    if (!approved.ok) return approved.code;
    await confirm(approved.value);
    return null;
  }

  function reset(): void {
    reuseId = null;
    deps.offline.value = null;
    deps.offlineResult.value = null;
  }

  return { checkLocally, confirm, fallBack, approve, reset };
}
