export * from './bridge-protocol';
export * from './devices';
export * from './hardware-result';
export * from './printer-profile';
export * from './printer-status';
export * from './product-barcode';
export * from './scan-kind';
