import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { POS_IPC, type PosLaunchConfig, type PosRuntimeInfo } from '../../core/pos-api';

export interface PosIpcHandlers {
  runtimeInfo(): PosRuntimeInfo;
  launchConfig(): PosLaunchConfig;
}

/** Answers `window.pos` calls, only from frames showing the POS itself. */
export function registerPosIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  handlers: PosIpcHandlers,
  isTrustedFrame: (url: string) => boolean,
): () => void {
  const guard =
    <T>(answer: () => T) =>
    (event: IpcMainInvokeEvent): T => {
      const url = event.senderFrame?.url ?? '';
      if (!isTrustedFrame(url)) throw new Error(`window.pos refused for ${url || 'an unknown frame'}`);
      return answer();
    };
  ipcMain.handle(POS_IPC.runtimeInfo, guard(handlers.runtimeInfo));
  ipcMain.handle(POS_IPC.launchConfig, guard(handlers.launchConfig));
  return () => {
    for (const channel of Object.values(POS_IPC)) ipcMain.removeHandler(channel);
  };
}
