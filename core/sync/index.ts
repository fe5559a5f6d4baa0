export * from './intents';
export * from './outbox-entry';
export * from './pull';
export * from './rows';
