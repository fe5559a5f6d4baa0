/** How carriers will bill a text: 70 characters (67 per part when split) unless all GSM-7. */

const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENDED = '^{}\\[~]|€\f';

export interface SmsLength {
  readonly encoding: 'gsm7' | 'ucs2';
  /** Characters as the carrier counts them (a GSM-7 extension character counts twice). */
  readonly characters: number;
  readonly segments: number;
}

export function measureSms(text: string): SmsLength {
  const chars = [...text];
  const gsm = chars.every((ch) => GSM7_BASIC.includes(ch) || GSM7_EXTENDED.includes(ch));
  if (gsm) {
    const characters = chars.reduce((n, ch) => n + (GSM7_EXTENDED.includes(ch) ? 2 : 1), 0);
    return { encoding: 'gsm7', characters, segments: characters <= 160 ? 1 : Math.ceil(characters / 153) };
  }
  // UCS-2 parts carry 16-bit units, so a character beyond the BMP (an emoji) takes two.
  const characters = text.length;
  return { encoding: 'ucs2', characters, segments: characters <= 70 ? 1 : Math.ceil(characters / 67) };
}
