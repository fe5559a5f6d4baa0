import { defineStore } from 'pinia';
import { ref } from 'vue';
import { posDb } from '../db/instance';
import type { LocalRedemption } from '../db/pos-db';
import { markAccepted, markConflict, markRejected, pendingRedemptions, recentRedemptions } from '../db/redemption-history';
import { useSessionStore } from '../pairing/session-store';

/** This terminal's recent redemptions, read from Dexie. */
export const useHistoryStore = defineStore('history', () => {
  const recent = ref<LocalRedemption[]>([]);

  async function load(): Promise<void> {
    recent.value = await recentRedemptions(posDb());
  }

  /**
   * Settles redemptions whose answer never arrived (a timeout, a closed window): the server's
   * record by id is the truth; an id it never saw was not redeemed.
   */
  async function reconcilePending(skipRedemptionId: string | null = null): Promise<number> {
    const session = useSessionStore();
    const api = session.api;
    if (!api) return 0;
    let settled = 0;
    for (const entry of await pendingRedemptions(posDb())) {
      if (entry.redemptionId === skipRedemptionId) continue;
      const answer = await api.redemption(entry.redemptionId);
      session.noteResult(answer);
      // The record says whether a use was taken: only an accepted one did.
      if (answer.ok && answer.value.outcome === 'accepted') {
        await markAccepted(posDb(), entry.redemptionId, answer.value.remaining, answer.value.serverTime);
      } else if (answer.ok && answer.value.outcome === 'conflict') {
        await markConflict(posDb(), entry.redemptionId, answer.value.remaining, answer.value.serverTime);
      } else if (answer.ok) {
        await markRejected(posDb(), entry.redemptionId, 'REDEMPTION_CONFLICT');
      } else if (answer.code === 'REDEMPTION_NOT_FOUND') {
        await markRejected(posDb(), entry.redemptionId, answer.code);
      } else {
        break;
      }
      settled += 1;
    }
    if (settled > 0) await load();
    return settled;
  }

  return { recent, load, reconcilePending };
});
