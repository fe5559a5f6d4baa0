/** A device clock further than this from the server's is flagged on what it records. */
export const CLOCK_SKEW_LIMIT_MS = 5 * 60_000;

/** How the server reads a push's times: the device clock's offset, when the push says when it was sent. */
export interface DeviceClock {
  /** Server time minus device time (ms) at sending; null when the push did not say. */
  skewMs: number | null;
  serverNow: Date;
}

export function deviceClock(sentAt: string | undefined, serverNow: Date): DeviceClock {
  return { skewMs: sentAt === undefined ? null : serverNow.getTime() - Date.parse(sentAt), serverNow };
}

/**
 * When an entry happened by the server's clock: its device time corrected by the measured skew, and
 * never after the server's now (a device clock running ahead cannot move a redemption forward).
 */
export function businessTime(clock: DeviceClock, deviceTime: string): Date {
  const corrected = Date.parse(deviceTime) + (clock.skewMs ?? 0);
  return new Date(Math.min(corrected, clock.serverNow.getTime()));
}

export function isSkewed(clock: DeviceClock, deviceTime: string): boolean {
  if (clock.skewMs !== null) return Math.abs(clock.skewMs) > CLOCK_SKEW_LIMIT_MS;
  // Without a send time only a device time in the future gives the clock away.
  return Date.parse(deviceTime) - clock.serverNow.getTime() > CLOCK_SKEW_LIMIT_MS;
}

/** The skew to record: the measured one, or the lead of a device time that is in the future. */
export function recordedSkewMs(clock: DeviceClock, deviceTime: string): number | null {
  if (clock.skewMs !== null) return clock.skewMs;
  const ahead = Date.parse(deviceTime) - clock.serverNow.getTime();
  return ahead > CLOCK_SKEW_LIMIT_MS ? -ahead : null;
}
