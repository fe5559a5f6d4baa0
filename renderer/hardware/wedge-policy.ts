import type { ScanKind } from '../../core/hardware/scan-kind';

/** The code field's id (renderer/redeem/ui/CodeEntry.vue). */
export const CODE_FIELD_ID = 'voucher-code';

function isEditable(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target.isContentEditable;
}

/**
 * Whether the POS takes a keyboard-wedge scan away from the focused element. Typing in a form
 * keeps its keys. The code field keeps what it handles itself (a voucher code, or a typo it
 * explains) and hands over what it cannot read: a voucher QR token, a product or member code.
 */
export function wedgeTakesScan(scan: ScanKind, target: EventTarget | null): boolean {
  const field = target instanceof Object && 'id' in target ? (target as HTMLElement) : null;
  if (field?.id === CODE_FIELD_ID) return scan.kind !== 'voucherCode' && scan.kind !== 'rejected';
  return !isEditable(target);
}
