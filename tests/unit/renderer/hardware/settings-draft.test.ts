import { describe, expect, it } from 'vitest';
import { DEFAULT_HARDWARE_CONFIG, HardwareConfig, bridgeDevicesOf, hardwareConfigFromJson } from '../../../../core/pos-hardware-config';
import { configFromDraft, draftFromConfig } from '../../../../renderer/hardware/settings/settings-draft';
import { BridgeConfig } from '../../../../drivers/bridge/bridge-config';

describe('the hardware settings form', () => {
  it('round-trips every kind of printer and scanner', () => {
    const configs = [
      DEFAULT_HARDWARE_CONFIG,
      HardwareConfig.parse({ printer: { kind: 'tcp', host: '192.168.1.50', port: 9100 }, paper: '58mm', scanner: { kind: 'serial', path: '/dev/ttyACM0', baudRate: 115200 } }),
      HardwareConfig.parse({ printer: { kind: 'serial', path: '/dev/ttyUSB0', baudRate: 19200 }, scanner: { kind: 'usb', vendorId: '0C2E', productId: '0b61' }, drawer: false }),
      HardwareConfig.parse({ printer: { kind: 'device-file', path: '/dev/usb/lp0' }, printSlipAfterRedemption: false }),
      HardwareConfig.parse({ printer: { kind: 'tcp', host: '10.0.0.7' }, printerStatusQueries: false }),
    ];
    for (const config of configs) expect(configFromDraft(draftFromConfig(config))).toEqual({ ok: true, config });
    expect(configs[2]!.scanner).toMatchObject({ vendorId: '0c2e' });
  });

  it('names the fields that are wrong', () => {
    const draft = { ...draftFromConfig(DEFAULT_HARDWARE_CONFIG), printerKind: 'tcp' as const, host: '', port: '91000' };
    expect(configFromDraft(draft)).toEqual({ ok: false, fields: ['host', 'port'] });
    const usb = { ...draftFromConfig(DEFAULT_HARDWARE_CONFIG), scannerKind: 'usb' as const, vendorId: 'zebra' };
    expect(configFromDraft(usb)).toEqual({ ok: false, fields: ['vendorId'] });
    const port = { ...draftFromConfig(DEFAULT_HARDWARE_CONFIG), printerKind: 'tcp' as const, host: '10.0.0.9', port: '9100 ' };
    expect(configFromDraft(port)).toMatchObject({ ok: true, config: { printer: { port: 9100 } } });
  });

  it('falls back to the defaults for a stored config that no longer parses', () => {
    expect(hardwareConfigFromJson(null)).toEqual(DEFAULT_HARDWARE_CONFIG);
    expect(hardwareConfigFromJson('{not json')).toEqual(DEFAULT_HARDWARE_CONFIG);
    expect(hardwareConfigFromJson('{"printer":{"kind":"laser"}}')).toEqual(DEFAULT_HARDWARE_CONFIG);
    expect(hardwareConfigFromJson('{"paper":"58mm"}')).toMatchObject({ paper: '58mm', scanner: { kind: 'wedge' } });
  });

  it('becomes a bridge config the drivers accept, with the paper profile and serial settings', () => {
    const config = HardwareConfig.parse({ printer: { kind: 'serial', path: '/dev/ttyUSB0', baudRate: 19200 }, paper: '58mm', scanner: { kind: 'usb', vendorId: '0c2e' } });
    const bridge = BridgeConfig.parse({ token: 'x'.repeat(16), dataDir: '/tmp/none', ...bridgeDevicesOf(config) });
    expect(bridge.printers[0]).toMatchObject({ id: 'receipt', drawerId: 'drawer', transport: { kind: 'serial', path: '/dev/ttyUSB0' }, profile: { columns: 32, serial: { baudRate: 19200 } } });
    expect(bridge.scanners[0]).toMatchObject({ id: 'scanner', match: { vendorId: '0c2e' } });
    const none = BridgeConfig.parse({ token: 'x'.repeat(16), dataDir: '/tmp/none', ...bridgeDevicesOf(DEFAULT_HARDWARE_CONFIG) });
    expect(none.printers).toEqual([]);
    expect(none.scanners).toEqual([]);
  });

  it('turns status queries off in the printer profile the bridge builds its queue from', () => {
    const tcp = HardwareConfig.parse({ printer: { kind: 'tcp', host: '10.0.0.7' }, paper: '58mm', printerStatusQueries: false });
    const [silent] = BridgeConfig.parse({ token: 'x'.repeat(16), dataDir: '/tmp/none', ...bridgeDevicesOf(tcp) }).printers;
    expect(silent!.profile).toMatchObject({ columns: 32, statusQueries: false });
    const serial = HardwareConfig.parse({ printer: { kind: 'serial', path: '/dev/ttyUSB0', baudRate: 19200 }, printerStatusQueries: false });
    const [serialPrinter] = BridgeConfig.parse({ token: 'x'.repeat(16), dataDir: '/tmp/none', ...bridgeDevicesOf(serial) }).printers;
    expect(serialPrinter!.profile).toMatchObject({ columns: 48, statusQueries: false, serial: { baudRate: 19200 } });
    const asked = BridgeConfig.parse({ token: 'x'.repeat(16), dataDir: '/tmp/none', ...bridgeDevicesOf({ ...tcp, printerStatusQueries: true }) });
    expect(asked.printers[0]!.profile.statusQueries).toBe(true);
    expect(draftFromConfig(tcp).statusQueries).toBe(false);
  });
});
