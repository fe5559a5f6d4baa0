import type { BridgeLaunch } from './browser-hardware';

const KEY = 'hexiao.hardwareBridge';

/**
 * The bridge this page was last given, so a reload (which no longer has the parameters in its
 * address) finds its printer again. New parameters replace it.
 */
export function rememberBridgeLaunch(fromQuery: BridgeLaunch | null, storage: Storage | undefined = globalThis.localStorage): BridgeLaunch | null {
  if (!storage) return fromQuery;
  if (fromQuery) {
    storage.setItem(KEY, JSON.stringify(fromQuery));
    return fromQuery;
  }
  try {
    const saved = JSON.parse(storage.getItem(KEY) ?? 'null') as Partial<BridgeLaunch> | null;
    if (saved && typeof saved.url === 'string' && typeof saved.token === 'string') {
      return { url: saved.url, token: saved.token, configUrl: typeof saved.configUrl === 'string' ? saved.configUrl : null };
    }
  } catch {
    storage.removeItem(KEY);
  }
  return null;
}
