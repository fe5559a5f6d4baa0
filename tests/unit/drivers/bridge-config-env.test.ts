import { describe, expect, it } from 'vitest';
import { loadBridgeConfig } from '../../../drivers/bridge/bridge-config';

const BASE = { HEXIAO_BRIDGE_TOKEN: 'x'.repeat(16), HEXIAO_DATA_DIR: '/tmp/hexiao-none' };

describe('the bridge run alone, configured by HEXIAO_* variables', () => {
  it('builds one TCP printer with its profile, and no status queries when HEXIAO_PRINTER_STATUS=off', () => {
    const config = loadBridgeConfig({ ...BASE, HEXIAO_PRINTER_TCP: '10.0.0.5', HEXIAO_PRINTER_PROFILE: '80mm-42', HEXIAO_PRINTER_STATUS: 'off' });
    expect(config.printers).toEqual([
      expect.objectContaining({ id: 'receipt', transport: { kind: 'tcp', host: '10.0.0.5', port: 9100 }, profile: expect.objectContaining({ columns: 42, statusQueries: false }) }),
    ]);
    expect(loadBridgeConfig({ ...BASE, HEXIAO_PRINTER_TCP: '10.0.0.5:9101' }).printers[0]).toMatchObject({ transport: { port: 9101 }, profile: { id: '80mm', statusQueries: true } });
    expect(loadBridgeConfig(BASE).printers).toEqual([]);
  });

  it('names a malformed printer address instead of starting with a broken one', () => {
    expect(() => loadBridgeConfig({ ...BASE, HEXIAO_PRINTER_TCP: '10.0.0.5:abc' })).toThrow(/HEXIAO_PRINTER_TCP="10.0.0.5:abc" is not host:port/);
  });
});
