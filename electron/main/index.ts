import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, shell } from 'electron';
import { SerialPort } from 'serialport';
import { POS_IPC_EVENT } from '../../core/pos-api';
import { HardwareHost } from './hardware/hardware-host';
import { hardwareInvokers } from './hardware/hardware-invokers';
import { registerPosIpc } from './ipc';
import { rendererLaunchConfig, resolveLaunchConfig } from './launch-config';
import { isAllowedNavigation, rendererLocation } from './renderer-location';
import { electronRuntimeInfo } from './runtime-info';
import { actionsForSecondInstance } from './single-instance';
import { quitAfter } from './quit-after';
import { mainWindowOptions } from './window-options';

const bundleDir = dirname(fileURLToPath(import.meta.url));
const config = resolveLaunchConfig(process.argv, process.env);
const location = rendererLocation(config.devServerUrl, bundleDir);
let window: BrowserWindow | null = null;
const hardware = new HardwareHost({
  configFile: join(app.getPath('userData'), 'hardware.json'),
  dataDir: join(app.getPath('userData'), 'hardware'),
  listPorts: () => SerialPort.list(),
  log: (message) => console.log(`[hardware] ${message}`),
  env: process.env,
});

function createWindow(): BrowserWindow {
  const win = new BrowserWindow(
    mainWindowOptions({ preloadPath: join(bundleDir, '..', 'preload', 'index.cjs'), kiosk: config.kiosk, title: 'Hexiao 核销收银' }),
  );
  win.once('ready-to-show', () => win.show());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:/.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, location)) event.preventDefault();
  });
  win.on('closed', () => {
    window = null;
  });
  if (location.kind === 'url') void win.loadURL(location.url);
  else void win.loadFile(location.path);
  return win;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    for (const action of actionsForSecondInstance({
      exists: window !== null,
      minimized: window?.isMinimized() ?? false,
      visible: window?.isVisible() ?? false,
    })) {
      window?.[action]();
    }
  });

  void app.whenReady().then(async () => {
    await hardware.start();
    hardware.onEvent((event) => {
      if (window && !window.isDestroyed()) window.webContents.send(POS_IPC_EVENT, event);
    });
    quitAfter(app, () => hardware.stop(), (message) => console.error(message));
    registerPosIpc(
      ipcMain,
      {
        runtimeInfo: () => electronRuntimeInfo(app.getVersion(), process.platform, process.versions),
        launchConfig: () => rendererLaunchConfig(config),
        hardware: hardwareInvokers(hardware),
      },
      (url) => isAllowedNavigation(url, location),
    );
    window = createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) window = createWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
