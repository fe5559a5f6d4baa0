import { liveQuery, type Subscription } from 'dexie';
import { defineStore } from 'pinia';
import { v7 as uuidv7 } from 'uuid';
import { ref, shallowRef } from 'vue';
import { useCounterStore } from '../counter/counter-store';
import { enrolMember, findMemberByPhone } from '../counter/member-ops';
import { useStaffStore } from '../staff/staff-store';
import { posDb } from '../db/instance';
import { useSyncStore } from '../sync/sync-store';
import { changedFields, type MemberDraft } from './member-draft';
import { dismissMemberEdit, readMemberView, type MemberView } from './member-view';
import { saveMemberEdit } from './save-member-edit';

/** A manager's "sync members now": running, done (answered by this window's engine), asked of the leading window, or failed. */
export interface MemberSyncRun {
  state: 'idle' | 'running' | 'done' | 'requested' | 'failed';
  code: string | null;
}

/** The Members screen: look-up by phone or member QR, enrolment, edits as field patches, their outcome, sync on demand. */
export const useMembersStore = defineStore('members', () => {
  const view = shallowRef<MemberView | null>(null);
  const lookup = ref<'idle' | 'notFound'>('idle');
  const problem = ref<string | null>(null);
  const busy = ref(false);
  const syncRun = ref<MemberSyncRun>({ state: 'idle', code: null });
  const membersHere = ref(0);
  let typed = '';
  let watching: Subscription | null = null;
  let counting: Subscription | null = null;

  /** Keeps the card current while it is open: a pull, a push answer or a sale changes it. */
  function watch(phone: string | null): void {
    watching?.unsubscribe();
    watching = phone === null ? null : liveQuery(() => readMemberView(posDb(), phone)).subscribe((next) => (view.value = next));
  }

  function countMembers(): void {
    counting ??= liveQuery(() => posDb().counterMembers.count()).subscribe((n) => (membersHere.value = n));
  }

  async function find(text: string): Promise<void> {
    problem.value = null;
    const found = await findMemberByPhone(posDb(), text);
    if (!found.ok) {
      problem.value = found.code;
      return;
    }
    typed = text;
    lookup.value = found.value ? 'idle' : 'notFound';
    view.value = found.value ? await readMemberView(posDb(), found.value.phone) : null;
    watch(found.value?.phone ?? null);
  }

  async function enrol(name: string | null): Promise<void> {
    problem.value = null;
    const enrolled = await enrolMember(posDb(), { memberId: uuidv7(), phone: typed, name, deviceTime: new Date().toISOString() });
    if (!enrolled.ok) {
      problem.value = enrolled.code;
      return;
    }
    useSyncStore().nudge();
    await find(enrolled.value.phone);
  }

  /** Saves the fields the cashier changed; false (with the reason in `problem`) when nothing was written. */
  async function save(draft: MemberDraft): Promise<boolean> {
    const shown = view.value?.member;
    if (!shown) return false;
    problem.value = null;
    const fields = changedFields(shown, draft);
    if (!fields.ok) {
      problem.value = fields.code;
      return false;
    }
    busy.value = true;
    try {
      const saved = await saveMemberEdit(posDb(), { patchId: uuidv7(), seen: shown, fields: fields.value, deviceTime: new Date().toISOString() });
      if (!saved.ok) {
        problem.value = saved.code;
        return false;
      }
      useSyncStore().nudge();
      return true;
    } finally {
      busy.value = false;
    }
  }

  function dismiss(patchId: string): Promise<void> {
    return dismissMemberEdit(posDb(), patchId, new Date().toISOString());
  }

  function close(): void {
    watch(null);
    view.value = null;
    lookup.value = 'idle';
    problem.value = null;
  }

  async function runSync(): Promise<void> {
    syncRun.value = { state: 'running', code: null };
    const result = await useSyncStore().syncNow();
    syncRun.value = result === null ? { state: 'requested', code: null } : result.ok ? { state: 'done', code: null } : { state: 'failed', code: result.code };
  }

  /** Managers sync members now; anyone else needs a manager's PIN first. */
  function syncMembers(): void {
    if (useStaffStore().current?.role === 'manager') void runSync();
    else useCounterStore().requireManager('syncMembers', runSync);
  }

  return { view, lookup, problem, busy, syncRun, membersHere, find, enrol, save, dismiss, close, syncMembers, countMembers };
});
