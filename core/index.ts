export * from './damm';
export * from './errors';
export * from './mask';
export * from './money';
export * from './redemption-api';
export * from './result';
export * from './voucher-code';
export * from './typed-text';
