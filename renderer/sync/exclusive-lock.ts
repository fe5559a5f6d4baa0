/** Runs `body` while holding the named lock; waits for it first. Resolves when `body` ends or the wait is aborted. */
export type ExclusiveLock = (name: string, signal: AbortSignal, body: () => Promise<void>) => Promise<void>;

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/** Web Locks: shared by every window and worker of the origin, so two windows never sync at once. */
export function webLocks(locks: LockManager): ExclusiveLock {
  return async (name, signal, body) => {
    try {
      await locks.request(name, { signal }, body);
    } catch (error) {
      if (!isAbort(error)) throw error;
    }
  };
}

const held = new Map<string, Promise<void>>();

/** The same within one JavaScript realm, where there are no Web Locks (Node, tests). */
export const processLocks: ExclusiveLock = async (name, signal, body) => {
  for (;;) {
    const current = held.get(name);
    if (!current) break;
    await Promise.race([current, new Promise<void>((done) => signal.addEventListener('abort', () => done(), { once: true }))]);
    if (signal.aborted) return;
  }
  if (signal.aborted) return;
  const running = body().finally(() => held.delete(name));
  held.set(name, running.catch(() => undefined));
  await running;
};

export function defaultLock(): ExclusiveLock {
  const locks = globalThis.navigator?.locks;
  return locks ? webLocks(locks) : processLocks;
}
