import { describe, expect, it } from 'vitest';
import { rememberBridgeLaunch } from '../../../../renderer/bridge/bridge-launch-store';
import { bridgeLaunchFromQuery, withoutLaunchParams } from '../../../../renderer/bridge/launch-params';

/** The Storage surface the POS uses, in memory (Node has no localStorage). */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

describe('the hardware bridge named in the POS address', () => {
  const query = '?bridge=ws%3A%2F%2F127.0.0.1%3A17800%2F&bridgeToken=t0k3n-0123456789abcdef&hardwareConfig=http%3A%2F%2F127.0.0.1%3A40000%2F';

  it('is read with its token and config endpoint; a bridge without a token or a ws address is none', () => {
    expect(bridgeLaunchFromQuery(query)).toEqual({ url: 'ws://127.0.0.1:17800/', token: 't0k3n-0123456789abcdef', configUrl: 'http://127.0.0.1:40000/' });
    expect(bridgeLaunchFromQuery('?bridge=ws%3A%2F%2F127.0.0.1%3A1%2F')).toBeNull();
    expect(bridgeLaunchFromQuery('?bridge=http%3A%2F%2Fx&bridgeToken=t')).toBeNull();
    expect(bridgeLaunchFromQuery('?bridge=ws%3A%2F%2Fx&bridgeToken=t&hardwareConfig=javascript%3Ax')).toMatchObject({ configUrl: null });
  });

  it('leaves the address with the rest, so the token is not in the history', () => {
    expect(withoutLaunchParams(`http://127.0.0.1:4173/${query}&lang=en`)).toBe('http://127.0.0.1:4173/?lang=en');
  });

  it('is remembered for a reload, and replaced by the next launch', () => {
    const storage = memoryStorage();
    const first = bridgeLaunchFromQuery(query);
    expect(rememberBridgeLaunch(first, storage)).toEqual(first);
    expect(rememberBridgeLaunch(null, storage)).toEqual(first);
    const next = { url: 'ws://127.0.0.1:17801/', token: 'another-token-0123456789', configUrl: null };
    expect(rememberBridgeLaunch(next, storage)).toEqual(next);
    expect(rememberBridgeLaunch(null, storage)).toEqual(next);
    storage.setItem('hexiao.hardwareBridge', '{broken');
    expect(rememberBridgeLaunch(null, storage)).toBeNull();
  });
});
