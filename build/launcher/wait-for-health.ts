import { setTimeout as delay } from 'node:timers/promises';

export interface WaitOptions {
  timeoutMs: number;
  intervalMs?: number;
  /** Stops waiting early, e.g. when the server process has already exited. */
  gaveUp?: () => string | null;
}

/** Polls `url` until it answers 2xx; resolves with null on success or the reason it gave up. */
export async function waitForHealth(url: string, { timeoutMs, intervalMs = 150, gaveUp }: WaitOptions): Promise<string | null> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    const stop = gaveUp?.();
    if (stop) return stop;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(Math.max(250, intervalMs * 4)) });
      await response.body?.cancel();
      if (response.ok) return null;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await delay(intervalMs);
  }
  return `${url} did not become healthy within ${timeoutMs} ms (${last})`;
}
