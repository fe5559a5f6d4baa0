/**
 * What a Chinese IME types into a code, phone, PIN or amount field, as the ASCII the POS expects:
 * full-width digits and letters (０１２, ＡＢ), the ideographic space and full-width signs (－ ． ＋)
 * become ASCII by NFKC; the IME's full stop 。 is a decimal point in these fields.
 */
export function toAsciiTyped(text: string): string {
  return text.normalize('NFKC').replace(/[。｡]/g, '.');
}
