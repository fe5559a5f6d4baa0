import { describe, expect, it } from 'vitest';
import { hardwareConfigWithEnv, parsePrinterAddress } from '../../../core/hardware-config-env';
import { DEFAULT_HARDWARE_CONFIG, HardwareConfig } from '../../../core/pos-hardware-config';

describe('HEXIAO_PRINTER_* and HEXIAO_SCANNER_PATH over the stored hardware config', () => {
  it('replaces only the parts the variables name', () => {
    const stored = HardwareConfig.parse({ printer: { kind: 'serial', path: '/dev/ttyUSB0' }, drawer: false, scanner: { kind: 'usb', vendorId: '0c2e' } });
    const result = hardwareConfigWithEnv(stored, { HEXIAO_PRINTER_TCP: '192.168.1.50:9101', HEXIAO_PRINTER_PROFILE: '58mm', HEXIAO_PRINTER_STATUS: 'off' });
    expect(result).toEqual({
      ok: true,
      config: { ...stored, printer: { kind: 'tcp', host: '192.168.1.50', port: 9101 }, paper: '58mm', printerStatusQueries: false },
      applied: ['HEXIAO_PRINTER_TCP=192.168.1.50:9101', 'HEXIAO_PRINTER_PROFILE=58mm', 'HEXIAO_PRINTER_STATUS=off'],
    });
    expect(hardwareConfigWithEnv(stored, { HEXIAO_SCANNER_PATH: '/dev/ttyACM0' })).toMatchObject({
      ok: true,
      config: { printer: { kind: 'serial' }, scanner: { kind: 'serial', path: '/dev/ttyACM0', baudRate: 9600 } },
    });
    expect(hardwareConfigWithEnv(stored, { HEXIAO_PRINTER_TCP: '  ' })).toEqual({ ok: true, config: stored, applied: [] });
  });

  it('reads host, host:port and [v6]:port, with 9100 by default', () => {
    expect(parsePrinterAddress('printer.local')).toEqual({ host: 'printer.local', port: 9100 });
    expect(parsePrinterAddress('127.0.0.1:9200')).toEqual({ host: '127.0.0.1', port: 9200 });
    expect(parsePrinterAddress('[fe80::1]:9100')).toEqual({ host: 'fe80::1', port: 9100 });
    for (const bad of ['', 'host:', 'host:0', 'host:65536', 'a b:9100', 'tcp://host:9100']) expect(parsePrinterAddress(bad)).toBeNull();
  });

  it('says which variable is wrong instead of starting with a half-read config', () => {
    const result = hardwareConfigWithEnv(DEFAULT_HARDWARE_CONFIG, { HEXIAO_PRINTER_TCP: 'tcp://x:1', HEXIAO_PRINTER_PROFILE: '76mm', HEXIAO_PRINTER_STATUS: 'maybe' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(3);
    expect(result.errors.join('\n')).toMatch(/HEXIAO_PRINTER_TCP="tcp:\/\/x:1"[^\n]*\n.*HEXIAO_PRINTER_PROFILE="76mm" is not one of 58mm, 80mm\n.*HEXIAO_PRINTER_STATUS="maybe"/);
  });
});
