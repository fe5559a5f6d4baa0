import { contextBridge, ipcRenderer } from 'electron';
import { POS_API_VERSION, POS_IPC, type PosApi, type PosLaunchConfig, type PosRuntimeInfo } from '../../core/pos-api';

const pos: PosApi = {
  apiVersion: POS_API_VERSION,
  getRuntimeInfo: () => ipcRenderer.invoke(POS_IPC.runtimeInfo) as Promise<PosRuntimeInfo>,
  getLaunchConfig: () => ipcRenderer.invoke(POS_IPC.launchConfig) as Promise<PosLaunchConfig>,
};

contextBridge.exposeInMainWorld('pos', pos);
