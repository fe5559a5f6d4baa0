import { DEFAULT_WEDGE_OPTIONS, WedgeDetector, type WedgeOptions } from './wedge-detector';

/** Whether the page takes the scan (true) or lets the focused field have its keys (false). */
export type WedgeScanHandler = (value: string, target: EventTarget | null) => boolean;

type Field = HTMLInputElement | HTMLTextAreaElement;

function isField(target: EventTarget | null): target is Field {
  return typeof HTMLElement !== 'undefined' && (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement);
}

/**
 * Listens to every keydown in the capture phase, before any field or shortcut sees it. When a
 * burst turns out to be a scan the page takes, its suffix key is swallowed and the characters it
 * typed into a field are taken back out, so the field looks as it did before the scan.
 */
export function listenForWedgeScans(target: Window, onScan: WedgeScanHandler, options: WedgeOptions = DEFAULT_WEDGE_OPTIONS): () => void {
  const detector = new WedgeDetector(options);
  let before: { field: Field; value: string } | null = null;
  const onKeydown = (event: KeyboardEvent): void => {
    const bursts = detector.bursts;
    const verdict = detector.feed(event);
    // At keydown the character is not in the field yet: this is the value before the burst.
    if (detector.bursts !== bursts) before = isField(event.target) ? { field: event.target, value: event.target.value } : null;
    if (!verdict.scan) return;
    if (!onScan(verdict.value, event.target)) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    const field = isField(event.target) ? event.target : null;
    if (before && before.field === field) restore(field, before.value);
    // The focus moved into the field mid-burst (a digit focuses the code field): take out the tail it got.
    else if (field) restore(field, withoutScanTail(field.value, verdict.value));
    before = null;
  };
  target.addEventListener('keydown', onKeydown, { capture: true });
  return () => target.removeEventListener('keydown', onKeydown, { capture: true });
}

function restore(field: Field, value: string): void {
  if (field.value === value) return;
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

/** `value` without the longest ending that is also the ending of `scanned`. */
export function withoutScanTail(value: string, scanned: string): string {
  for (let k = Math.min(value.length, scanned.length); k > 0; k--) {
    if (value.endsWith(scanned.slice(scanned.length - k))) return value.slice(0, value.length - k);
  }
  return value;
}
