import { describe, expect, it } from 'vitest';
import { rendererLaunchConfig, resolveLaunchConfig } from '../../../electron/main/launch-config';

describe('resolveLaunchConfig', () => {
  it('reads the launcher switches', () => {
    const config = resolveLaunchConfig(['/opt/electron', '.', '--server=http://127.0.0.1:8787', '--pair=AB12-CD34'], {});
    expect(config).toEqual({ serverUrl: 'http://127.0.0.1:8787', pairingCode: 'AB12-CD34', devServerUrl: null, kiosk: false });
  });

  it('falls back to the environment, and switches win over it', () => {
    const env = { HEXIAO_SERVER_URL: 'http://10.0.0.2:8787', HEXIAO_PAIRING_CODE: 'ENV-CODE', HEXIAO_KIOSK: '1' };
    expect(resolveLaunchConfig(['electron'], env)).toMatchObject({ serverUrl: 'http://10.0.0.2:8787', pairingCode: 'ENV-CODE', kiosk: true });
    expect(resolveLaunchConfig(['electron', '--pair=ARG-CODE'], env).pairingCode).toBe('ARG-CODE');
  });

  it('treats blank values as absent and takes the last repeat of a switch', () => {
    expect(resolveLaunchConfig(['e', '--server=', '--pair=  '], { HEXIAO_SERVER_URL: ' ' })).toMatchObject({
      serverUrl: null,
      pairingCode: null,
    });
    expect(resolveLaunchConfig(['e', '--pair=OLD', '--pair=NEW'], {}).pairingCode).toBe('NEW');
  });

  it('loads the dev server that electron-vite announces, and kiosk mode from a flag', () => {
    const config = resolveLaunchConfig(['e', '--kiosk'], { ELECTRON_RENDERER_URL: 'http://localhost:5173' });
    expect(config.devServerUrl).toBe('http://localhost:5173');
    expect(config.kiosk).toBe(true);
  });

  it('hands the renderer only the pairing fields', () => {
    const config = resolveLaunchConfig(['e', '--server=http://s', '--pair=P', '--kiosk'], { ELECTRON_RENDERER_URL: 'http://d' });
    expect(rendererLaunchConfig(config)).toEqual({ serverUrl: 'http://s', pairingCode: 'P' });
  });
});
