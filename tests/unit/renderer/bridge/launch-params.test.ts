import { describe, expect, it } from 'vitest';
import { createBrowserPos } from '../../../../renderer/bridge/browser-pos';
import { launchConfigFromQuery, withoutLaunchParams } from '../../../../renderer/bridge/launch-params';

describe('launch parameters in the address', () => {
  it('are read from the query, blank ones as absent', () => {
    expect(launchConfigFromQuery('?server=http%3A%2F%2F127.0.0.1%3A8787&pair=AB12-CD34')).toEqual({
      serverUrl: 'http://127.0.0.1:8787',
      pairingCode: 'AB12-CD34',
    });
    expect(launchConfigFromQuery('?server=&pair=%20')).toEqual({ serverUrl: null, pairingCode: null });
    expect(launchConfigFromQuery('')).toEqual({ serverUrl: null, pairingCode: null });
  });

  it('are removed from the address, leaving everything else', () => {
    expect(withoutLaunchParams('http://127.0.0.1:4173/?server=x&pair=y&lang=en#top')).toBe('http://127.0.0.1:4173/?lang=en#top');
    expect(withoutLaunchParams('file:///app/out/renderer/index.html?pair=y')).toBe('file:///app/out/renderer/index.html');
  });
});

describe('the browser implementation of window.pos', () => {
  it('keeps the launch parameters it saw when it was made', async () => {
    const location = { search: '?server=http%3A%2F%2Fs&pair=P' };
    const pos = createBrowserPos(location);
    location.search = '';
    expect(await pos.getLaunchConfig()).toEqual({ serverUrl: 'http://s', pairingCode: 'P' });
  });

  it('says it runs in a browser', async () => {
    const info = await createBrowserPos({ search: '' }).getRuntimeInfo();
    expect(info.shell).toBe('browser');
    expect(info.versions).toEqual({});
    expect(info.appVersion).toMatch(/^\d+\.\d+\.\d+/);
  });
});
