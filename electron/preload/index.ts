import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { POS_API_VERSION, POS_IPC, POS_IPC_EVENT, type PosApi, type PosHardwareEvent } from '../../core/pos-api';

// Sandboxed: only `electron` can be loaded here, so every check happens in the main process.
const invoke =
  <K extends keyof typeof POS_IPC>(channel: K) =>
  (...args: unknown[]) =>
    ipcRenderer.invoke(POS_IPC[channel], ...args);

const pos: PosApi = {
  apiVersion: POS_API_VERSION,
  getRuntimeInfo: invoke('runtimeInfo'),
  getLaunchConfig: invoke('launchConfig'),
  printerStatus: invoke('printerStatus'),
  print: invoke('print'),
  waitForJob: invoke('waitForJob'),
  reprint: invoke('reprint'),
  printJobs: invoke('printJobs'),
  scannerStatus: invoke('scannerStatus'),
  openDrawer: invoke('openDrawer'),
  getHardwareConfig: invoke('getHardwareConfig'),
  setHardwareConfig: invoke('setHardwareConfig'),
  listSerialPorts: invoke('listSerialPorts'),
  onHardwareEvent: (listener) => {
    const forward = (_event: IpcRendererEvent, payload: PosHardwareEvent): void => listener(payload);
    ipcRenderer.on(POS_IPC_EVENT, forward);
    return () => void ipcRenderer.removeListener(POS_IPC_EVENT, forward);
  },
};

contextBridge.exposeInMainWorld('pos', pos);
