export { createApp, API_PREFIX, type AppDeps } from './app';
export { loadConfig, type ServerConfig } from './config';
export { openDatabase, type Db, type DbKind } from './db/database';
export type { DemoInfo } from './demo/demo-info';
export { mintPairingCode, type PairingCode } from './repositories/pairing-repository';
export type { TerminalSession } from './repositories/terminal-session';
export { startServer, stopServer, type RunningServer, type StartServerOptions } from './server';
export type { PairedTerminal } from './use-cases/pair-terminal';
