import { describe, expect, it } from 'vitest';
import { electronRuntimeInfo } from '../../../electron/main/runtime-info';

describe('electron runtime info', () => {
  it('reports the shell, the app version and the host versions that matter', () => {
    const info = electronRuntimeInfo('0.1.0', 'linux', { electron: '40.1.0', chrome: '144.0', node: '22.1.0', uv: '1.0', v8: '14.4' });
    expect(info).toEqual({
      shell: 'electron',
      appVersion: '0.1.0',
      platform: 'linux',
      versions: { electron: '40.1.0', chrome: '144.0', node: '22.1.0', v8: '14.4' },
    });
  });

  it('leaves out versions the host does not have', () => {
    expect(electronRuntimeInfo('1.0.0', 'win32', { node: '20.0.0' }).versions).toEqual({ node: '20.0.0' });
  });
});
