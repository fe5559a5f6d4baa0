import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { POS_IPC, type PosLaunchConfig, type PosRuntimeInfo } from '../../core/pos-api';
import type { HardwareInvokers } from './hardware/hardware-invokers';

export interface PosIpcHandlers {
  runtimeInfo(): PosRuntimeInfo;
  launchConfig(): PosLaunchConfig;
  hardware: HardwareInvokers;
}

/** Answers `window.pos` calls, only from frames showing the POS itself. */
export function registerPosIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  handlers: PosIpcHandlers,
  isTrustedFrame: (url: string) => boolean,
): () => void {
  const guard =
    <T>(answer: (args: readonly unknown[]) => T) =>
    (event: IpcMainInvokeEvent, ...args: unknown[]): T => {
      const url = event.senderFrame?.url ?? '';
      if (!isTrustedFrame(url)) throw new Error(`window.pos refused for ${url || 'an unknown frame'}`);
      return answer(args);
    };
  ipcMain.handle(POS_IPC.runtimeInfo, guard(handlers.runtimeInfo));
  ipcMain.handle(POS_IPC.launchConfig, guard(handlers.launchConfig));
  for (const [name, invoke] of Object.entries(handlers.hardware) as [keyof HardwareInvokers, HardwareInvokers[keyof HardwareInvokers]][]) {
    ipcMain.handle(POS_IPC[name], guard(invoke));
  }
  return () => {
    for (const channel of Object.values(POS_IPC)) ipcMain.removeHandler(channel);
  };
}
