export * from './intents';
export * from './manager-pin';
export * from './outbox-entry';
export * from './pull';
export * from './rows';
export * from './counter-rows';
export * from './counter-settings-row';
