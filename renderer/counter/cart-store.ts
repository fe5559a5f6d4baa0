import { defineStore } from 'pinia';
import { v7 as uuidv7 } from 'uuid';
import { computed, ref } from 'vue';
import type { CatalogItem, ServiceMode, TenderRecord } from '../db/counter-tables';
import type { BillVoucher } from './bill-voucher';
import { cartTotals, type CartLine } from './cart-math';

/**
 * The bill being rung up: lines, discounts, vouchers, member and restaurant details. Pure state; the
 * checkout (one Dexie transaction) is in `checkout-store.ts`.
 */
export const useCartStore = defineStore('counterCart', () => {
  const lines = ref<CartLine[]>([]);
  const orderDiscountFen = ref(0);
  const vouchers = ref<BillVoucher[]>([]);
  const tenders = ref<TenderRecord[]>([]);
  const memberId = ref<string | null>(null);
  const serviceMode = ref<ServiceMode>('dine_in');
  const tableNo = ref('');
  const note = ref('');
  const selectedLineId = ref<string | null>(null);

  const cashVouchers = computed(() => vouchers.value.filter((v) => v.kind === 'cash'));
  const totals = computed(() =>
    cartTotals(
      lines.value,
      orderDiscountFen.value,
      cashVouchers.value.map((v) => ({ redemptionId: v.redemptionId, faceValueFen: v.faceValueFen, minSpendFen: v.minSpendFen })),
    ),
  );
  const paidFen = computed(() => tenders.value.reduce((s, t) => s + t.amountFen, 0));
  const empty = computed(() => lines.value.length === 0);

  function addItem(item: CatalogItem, quantity = 1): void {
    const same = lines.value.find((l) => l.itemId === item.itemId && l.voucherRedemptionId === null && l.discountFen === 0 && !l.note);
    if (same) {
      same.quantity += quantity;
      selectedLineId.value = same.lineId;
      return;
    }
    const lineId = uuidv7();
    lines.value.push({ lineId, itemId: item.itemId, name: item.name, unitPriceFen: item.priceFen, quantity, discountFen: 0, note: null, voucherRedemptionId: null });
    selectedLineId.value = lineId;
  }

  function setQuantity(lineId: string, quantity: number): void {
    const line = lines.value.find((l) => l.lineId === lineId);
    if (!line || line.voucherRedemptionId) return;
    if (quantity <= 0) removeLine(lineId);
    else line.quantity = Math.floor(quantity);
  }

  function removeLine(lineId: string): void {
    const line = lines.value.find((l) => l.lineId === lineId);
    lines.value = lines.value.filter((l) => l.lineId !== lineId);
    if (line?.voucherRedemptionId) vouchers.value = vouchers.value.filter((v) => v.redemptionId !== line.voucherRedemptionId);
    if (selectedLineId.value === lineId) selectedLineId.value = lines.value.at(-1)?.lineId ?? null;
  }

  function setLineDiscount(lineId: string, discountFen: number): void {
    const line = lines.value.find((l) => l.lineId === lineId);
    if (line) line.discountFen = discountFen;
  }

  function setLineNote(lineId: string, text: string): void {
    const line = lines.value.find((l) => l.lineId === lineId);
    if (line) line.note = text.trim() || null;
  }

  /** A product voucher adds its item at zero price; a cash voucher becomes a tender. */
  /** False when the voucher is on the bill already (a second scan of the same code). */
  function addVoucher(voucher: BillVoucher): boolean {
    if (vouchers.value.some((v) => v.voucherId === voucher.voucherId)) return false;
    vouchers.value.push(voucher);
    if (voucher.kind === 'product') {
      lines.value.push({
        lineId: uuidv7(),
        itemId: voucher.itemId ?? voucher.campaignId,
        name: voucher.campaignTitle,
        unitPriceFen: 0,
        quantity: 1,
        discountFen: 0,
        note: null,
        voucherRedemptionId: voucher.redemptionId,
      });
    }
    return true;
  }

  function removeVoucher(redemptionId: string): void {
    vouchers.value = vouchers.value.filter((v) => v.redemptionId !== redemptionId);
    lines.value = lines.value.filter((l) => l.voucherRedemptionId !== redemptionId);
  }

  /** A bill has one points tender: a new one replaces the last. */
  function addTender(tender: TenderRecord): void {
    if (tender.method === 'points') tenders.value = tenders.value.filter((t) => t.method !== 'points');
    tenders.value.push(tender);
  }

  function removeTender(index: number): void {
    tenders.value.splice(index, 1);
  }

  function clear(): void {
    lines.value = [];
    orderDiscountFen.value = 0;
    vouchers.value = [];
    tenders.value = [];
    memberId.value = null;
    serviceMode.value = 'dine_in';
    tableNo.value = '';
    note.value = '';
    selectedLineId.value = null;
  }

  return {
    lines, orderDiscountFen, vouchers, tenders, memberId, serviceMode, tableNo, note, selectedLineId,
    cashVouchers, totals, paidFen, empty,
    addItem, setQuantity, removeLine, setLineDiscount, setLineNote, addVoucher, removeVoucher, addTender, removeTender, clear,
  };
});
