import { ref, toRaw, watch } from 'vue';
import { posDb } from '../db/instance';
import { isBlankBill, type OpenBill } from './open-bill';
import { deleteSetting, readSetting, writeSetting } from '../db/settings';
import { useCartStore } from './cart-store';
import { useCounterStore } from './counter-store';

/** The cart and the member on it, read through Vue so a deep watch sees every change. */
function current(): OpenBill {
  const cart = useCartStore();
  const counter = useCounterStore();
  return {
    lines: cart.lines,
    orderDiscountFen: cart.orderDiscountFen,
    vouchers: cart.vouchers,
    tenders: cart.tenders,
    memberId: cart.memberId,
    member: counter.member,
    serviceMode: cart.serviceMode,
    tableNo: cart.tableNo,
    note: cart.note,
    selectedLineId: cart.selectedLineId,
  };
}

/** A plain, storable copy: IndexedDB cannot clone Vue's proxies. */
function storable(bill: OpenBill): OpenBill {
  return structuredClone({
    ...bill,
    lines: toRaw(bill.lines).map((l) => toRaw(l)),
    vouchers: toRaw(bill.vouchers).map((v) => toRaw(v)),
    tenders: toRaw(bill.tenders).map((t) => toRaw(t)),
    member: toRaw(bill.member),
  });
}

function restore(bill: OpenBill): void {
  const cart = useCartStore();
  const counter = useCounterStore();
  cart.lines = bill.lines;
  cart.orderDiscountFen = bill.orderDiscountFen;
  cart.vouchers = bill.vouchers;
  cart.tenders = bill.tenders;
  cart.memberId = bill.memberId;
  cart.serviceMode = bill.serviceMode;
  cart.tableNo = bill.tableNo;
  cart.note = bill.note;
  cart.selectedLineId = bill.selectedLineId;
  counter.member = bill.member;
}

let stopKeeping: (() => void) | null = null;

/** True from a restore until the restored bill is finished or cleared: the sell screen says so. */
export const billRestored = ref(false);

/**
 * Puts back the bill saved before a reload or a crash, then saves the bill on every change until
 * stopped. Returns whether a bill was restored. Saving starts only after the restore, so the empty
 * cart of a fresh start never overwrites the bill it is about to get back.
 */
export async function keepOpenBill(): Promise<boolean> {
  stopKeeping?.();
  const db = posDb();
  const saved = await readSetting(db, 'openBill');
  const restored = saved !== undefined && !isBlankBill(saved);
  billRestored.value = restored;
  if (restored) {
    restore(saved);
    await useCounterStore().refreshMember();
  }
  const stop = watch(
    current,
    (bill) => {
      if (!isBlankBill(bill)) return void writeSetting(db, 'openBill', storable(bill));
      billRestored.value = false;
      void deleteSetting(db, 'openBill');
    },
    { deep: true },
  );
  stopKeeping = () => {
    stop();
    stopKeeping = null;
  };
  return restored;
}

export function stopKeepingOpenBill(): void {
  stopKeeping?.();
}
