import { zonedToInstant } from '../../core/time-zone';

/** Aliyun and Tencent stamp delivery reports in Beijing time without a zone: `2026-11-25 12:00:03`. */
const PROVIDER_ZONE = 'Asia/Shanghai';
const STAMP = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

export function providerStampToIso(stamp: string): string | null {
  const match = STAMP.exec(stamp.trim());
  if (!match) return null;
  const [, date = '', hour, minute, second] = match;
  try {
    return zonedToInstant({ date, hour: Number(hour), minute: Number(minute), second: Number(second) }, PROVIDER_ZONE).toISOString();
  } catch {
    return null;
  }
}
