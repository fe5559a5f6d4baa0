import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { POS_IPC } from '../../../core/pos-api';
import { hardwareFail } from '../../../core/hardware/hardware-result';
import { hardwareInvokers } from '../../../electron/main/hardware/hardware-invokers';
import type { HardwareHostApi } from '../../../electron/main/hardware/hardware-host';
import { registerPosIpc } from '../../../electron/main/ipc';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

/** Electron's ipcMain cannot run outside Electron; this records handlers with the same two methods. */
function recordingIpcMain() {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    handle: (channel: string, handler: Handler) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, handler);
    },
    removeHandler: (channel: string) => void handlers.delete(channel),
  };
}

const eventFrom = (url: string) => ({ senderFrame: { url } }) as unknown as IpcMainInvokeEvent;
const runtime = { shell: 'electron', appVersion: '0.1.0', platform: 'linux', versions: {} } as const;
const launch = { serverUrl: 'http://127.0.0.1:8787', pairingCode: 'AB12-CD34' };

/** A host with nothing plugged in: every device call says so. */
const unplugged = (): HardwareHostApi => {
  const none = async () => hardwareFail('unknown_device', 'nothing configured', false);
  return {
    printerStatus: none,
    print: none,
    waitForJob: none,
    reprint: none,
    printJobs: none,
    scannerStatus: none,
    openDrawer: none,
    getHardwareConfig: none,
    setHardwareConfig: none,
    listSerialPorts: none,
  };
};
const handlersFor = () => ({ runtimeInfo: () => runtime, launchConfig: () => launch, hardware: hardwareInvokers(unplugged()) });

describe('window.pos IPC handlers', () => {
  it('answers every channel of the contract for the POS page', () => {
    const ipc = recordingIpcMain();
    registerPosIpc(ipc, handlersFor(), (url) => url.startsWith('file:///app/'));
    expect([...ipc.handlers.keys()].sort()).toEqual(Object.values(POS_IPC).sort());
    expect(ipc.handlers.get(POS_IPC.runtimeInfo)!(eventFrom('file:///app/index.html'))).toEqual(runtime);
    expect(ipc.handlers.get(POS_IPC.launchConfig)!(eventFrom('file:///app/index.html'))).toEqual(launch);
  });

  it('refuses frames that are not the POS', () => {
    const ipc = recordingIpcMain();
    registerPosIpc(ipc, handlersFor(), (url) => url.startsWith('file:///app/'));
    expect(() => ipc.handlers.get(POS_IPC.launchConfig)!(eventFrom('https://example.com/'))).toThrow(/refused/);
  });

  it('unregisters its handlers so they can be registered again', () => {
    const ipc = recordingIpcMain();
    const handlers = handlersFor();
    const dispose = registerPosIpc(ipc, handlers, () => true);
    dispose();
    expect(ipc.handlers.size).toBe(0);
    expect(() => registerPosIpc(ipc, handlers, () => true)).not.toThrow();
  });
});
