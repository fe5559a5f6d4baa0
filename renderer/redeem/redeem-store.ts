import { defineStore } from 'pinia';
import { v7 as uuidv7 } from 'uuid';
import { computed, ref, shallowRef } from 'vue';
import { MAX_REDEEM_COUNT, type RedemptionRecord, type VoucherPreview } from '../../core/redemption-api';
import type { ErrorCode } from '../../core/errors';
import { ok, type Result } from '../../core/result';
import { parseVoucherCode, type VoucherCode } from '../../core/voucher-code';
import { isOutcomeUnknown } from '../shared/api/api-error';
import { counterCashier } from '../staff/counter-cashier';
import { posDb } from '../db/instance';
import type { LocalRedemption } from '../db/pos-db';
import { markAccepted, markConflict, markRejected, recordPending } from '../db/redemption-history';
import type { OfflineCheck } from './offline/check-offline';
import { readScannedQr } from './offline/offline-counter';
import { createOfflineFlow } from './offline/offline-redeem-flow';
import { useSyncStore } from '../sync/sync-store';
import { useHistoryStore } from './history-store';
import { useSessionStore } from '../pairing/session-store';

/**
 * idle → checking → preview → redeeming → success | conflict | failure | uncertain (conflict: the
 * server recorded this id offline first and found the voucher spent elsewhere, so no use was taken);
 * a typo stops at inputError (no network), a voucher that cannot be used here at refused.
 * When the server cannot be reached the same phases run on the local mirror (offline mode);
 * `approval` waits for a manager's PIN before an offline redemption the policy wants approved.
 */
export type RedeemPhase =
  | 'idle'
  | 'inputError'
  | 'checking'
  | 'preview'
  | 'refused'
  | 'redeeming'
  | 'reconciling'
  | 'success'
  | 'conflict'
  | 'failure'
  | 'uncertain'
  | 'approval';

/** One redemption as sent; kept unchanged across retries so the server answers it only once. */
interface Attempt {
  redemptionId: string;
  code: VoucherCode;
  count: number;
  deviceTime: string;
  /** The signed QR it was scanned from, for the offline check. */
  qrToken: string | null;
  /** Who redeems it; null for the shared counter user. */
  cashierId: string | null;
}

/** A scanned voucher as the scanner layer hands it on: the code, and the signed QR it was read from. */
export interface ScannedVoucher {
  code: VoucherCode;
  qrToken: string | null;
}

const RESULT_PHASES: readonly RedeemPhase[] = ['inputError', 'refused', 'success', 'conflict', 'failure', 'uncertain'];

export const useRedeemStore = defineStore('redeem', () => {
  const session = useSessionStore();
  const history = useHistoryStore();

  const input = ref('');
  const phase = ref<RedeemPhase>('idle');
  const errorCode = ref<string | null>(null);
  const preview = ref<VoucherPreview | null>(null);
  const count = ref(1);
  const result = ref<RedemptionRecord | null>(null);
  /** Set while the look-up ran on the local mirror because the server was out of reach. */
  const offline = shallowRef<OfflineCheck | null>(null);
  /** An offline redemption just made: pending until the sync engine hears from the server. */
  const offlineResult = ref<LocalRedemption | null>(null);
  /** Bumped whenever the code field should take the focus again. */
  const focusRequests = ref(0);
  let code: VoucherCode | null = null;
  let qrToken: string | null = null;
  let attempt: Attempt | null = null;
  let lookupSeq = 0;

  const maxCount = computed(() => Math.max(0, Math.min(preview.value?.remaining ?? 0, MAX_REDEEM_COUNT)));
  const busy = computed(() => ['checking', 'redeeming', 'reconciling', 'approval'].includes(phase.value));
  const isResult = computed(() => RESULT_PHASES.includes(phase.value));

  function settle(next: RedeemPhase, reason: string | null = null): void {
    phase.value = next;
    errorCode.value = reason;
    focusRequests.value += 1;
  }

  const offlineFlow = createOfflineFlow({
    phase,
    preview,
    count,
    offline,
    offlineResult,
    pairing: () => session.pairing,
    settle,
    afterRedeemed: async () => {
      await history.load();
      useSyncStore().nudge();
    },
    forgetAttempt: () => (attempt = null),
  });

  async function submitCode(): Promise<void> {
    if (busy.value) return;
    const scanned = readScannedQr(input.value);
    await begin(scanned ? ok(scanned.code as VoucherCode) : parseVoucherCode(input.value), scanned?.qrToken ?? null);
  }

  /** A voucher the scanner layer already read (its code, and the signed QR it came from): no text round trip. */
  async function submitScanned(voucher: ScannedVoucher): Promise<void> {
    if (busy.value) return;
    await begin(ok(voucher.code), voucher.qrToken);
  }

  async function begin(parsed: Result<VoucherCode, ErrorCode>, token: string | null): Promise<void> {
    qrToken = token;
    preview.value = null;
    result.value = null;
    offlineFlow.reset();
    attempt = null;
    if (!parsed.ok) return settle('inputError', parsed.code);
    code = parsed.value;
    input.value = '';
    await lookUp(parsed.value);
  }

  async function lookUp(voucherCode: VoucherCode, keepResult = false): Promise<void> {
    const api = session.api;
    if (!api) return;
    const seq = ++lookupSeq;
    if (!keepResult) phase.value = 'checking';
    const answer = await api.prepare(voucherCode);
    session.noteResult(answer);
    if (seq !== lookupSeq) return;
    if (!answer.ok) {
      if (!keepResult && isOutcomeUnknown(answer)) return offlineFlow.checkLocally({ code: voucherCode, qrToken }, () => seq === lookupSeq);
      if (!keepResult) settle('refused', answer.code);
      return;
    }
    preview.value = answer.value;
    if (keepResult) return;
    count.value = 1;
    if (!answer.value.redeemable || answer.value.remaining < 1) {
      return settle('refused', answer.value.reason ?? (answer.value.remaining < 1 ? 'VOUCHER_EXHAUSTED' : 'UNKNOWN'));
    }
    phase.value = 'preview';
  }

  function adjustCount(delta: number): void {
    if (phase.value !== 'preview') return;
    count.value = Math.min(maxCount.value, Math.max(1, count.value + delta));
  }

  async function confirm(): Promise<void> {
    if (phase.value !== 'preview' || !code || !preview.value) return;
    if (offline.value) return offlineFlow.confirm();
    // Every redemption names who did it: nobody signed in (and no shared counter user) redeems nothing.
    const cashier = counterCashier();
    if (!cashier) return settle('refused', 'CASHIER_REQUIRED');
    // Synchronously, before any await: a second Enter (key repeat) must not start a second redemption.
    phase.value = 'redeeming';
    attempt = { redemptionId: uuidv7(), code, count: count.value, deviceTime: new Date().toISOString(), qrToken, cashierId: cashier.id };
    await recordPending(posDb(), {
      redemptionId: attempt.redemptionId,
      codeMasked: preview.value.codeMasked,
      campaignTitle: preview.value.campaignTitle,
      count: attempt.count,
      deviceTime: attempt.deviceTime,
      cashierName: cashier.name,
      // Counted against the offline mirror until a pull shows it: a lost answer must not free the uses.
      voucherId: preview.value.voucherId,
      valueFen: preview.value.faceValueFen * attempt.count,
    });
    await history.load();
    await send(attempt);
  }

  /** Sends the attempt; on a timeout asks the server whether it landed before sending again. */
  async function send(current: Attempt, reconcileFirst = false): Promise<void> {
    const api = session.api;
    if (!api) return;
    if (reconcileFirst) {
      phase.value = 'reconciling';
      const status = await api.redemption(current.redemptionId);
      session.noteResult(status);
      if (status.ok) return accept(status.value);
      if (status.code !== 'REDEMPTION_NOT_FOUND') return offlineFlow.fallBack(current, status.code);
    }
    phase.value = 'redeeming';
    const answer = await api.redeem({
      redemptionId: current.redemptionId,
      code: current.code,
      count: current.count,
      deviceTime: current.deviceTime,
      ...(current.cashierId ? { cashierId: current.cashierId } : {}),
    });
    session.noteResult(answer);
    if (answer.ok) return accept(answer.value);
    if (answer.code === 'REDEMPTION_CONFLICT') {
      // The ledger record (what was found in conflict), for the card; the verdict stands without it.
      const status = await api.redemption(current.redemptionId);
      return conflict(current.redemptionId, status.ok ? status.value : null);
    }
    if (isOutcomeUnknown(answer)) {
      if (!reconcileFirst) return send(current, true);
      return offlineFlow.fallBack(current, answer.code);
    }
    await fail(current.redemptionId, answer.code);
    await lookUp(current.code, true);
  }

  async function fail(redemptionId: string, reason: string): Promise<void> {
    await markRejected(posDb(), redemptionId, reason);
    await history.load();
    attempt = null;
    settle('failure', reason);
  }

  async function conflict(redemptionId: string, record: RedemptionRecord | null): Promise<void> {
    await markConflict(posDb(), redemptionId, record?.remaining ?? null, record?.serverTime ?? null);
    await history.load();
    attempt = null;
    result.value = record;
    settle('conflict', 'REDEMPTION_CONFLICT');
  }

  async function accept(record: RedemptionRecord): Promise<void> {
    // The status look-up answers the ledger record whatever its outcome: only an accepted one took a use.
    if (record.outcome === 'conflict') return conflict(record.redemptionId, record);
    if (record.outcome === 'rejected') return fail(record.redemptionId, 'REDEMPTION_CONFLICT');
    await markAccepted(posDb(), record.redemptionId, record.remaining, record.serverTime);
    await history.load();
    attempt = null;
    result.value = record;
    if (preview.value) preview.value = { ...preview.value, remaining: record.remaining, redeemed: preview.value.uses - record.remaining };
    settle('success');
  }

  /** Enter on an uncertain result: same redemption id, status first. */
  async function retry(): Promise<void> {
    if (phase.value === 'uncertain' && attempt) await send(attempt, true);
  }

  /** Enter with an empty code field acts on what is on screen. */
  async function enter(): Promise<void> {
    if (phase.value === 'approval') return;
    if (input.value.trim()) return submitCode();
    if (phase.value === 'preview') return confirm();
    if (phase.value === 'uncertain') return retry();
  }

  /** Esc: also abandons a look-up in flight, but never a redemption being sent. */
  function clear(): void {
    if (phase.value === 'redeeming' || phase.value === 'reconciling') return;
    lookupSeq += 1;
    input.value = '';
    preview.value = null;
    result.value = null;
    offlineFlow.reset();
    code = null;
    // An unconfirmed redemption stays pending in the history, which settles it when the server answers.
    attempt = null;
    settle('idle');
  }

  /** The redemption being sent right now, which background reconciliation must leave alone. */
  function activeRedemptionId(): string | null {
    return attempt?.redemptionId ?? null;
  }

  return {
    input,
    phase,
    errorCode,
    preview,
    count,
    result,
    offline,
    offlineResult,
    focusRequests,
    maxCount,
    busy,
    isResult,
    submitCode,
    submitScanned,
    adjustCount,
    confirm,
    retry,
    approve: offlineFlow.approve,
    enter,
    clear,
    activeRedemptionId,
  };
});
