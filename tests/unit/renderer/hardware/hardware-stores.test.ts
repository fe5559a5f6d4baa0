import 'fake-indexeddb/auto';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import { dammCheckDigit } from '../../../../core/damm';
import { classifyScan } from '../../../../core/hardware/scan-kind';
import type { RedemptionRecord } from '../../../../core/redemption-api';
import { createBridgeHardware } from '../../../../renderer/bridge/browser-hardware';
import type { LocalRedemption } from '../../../../renderer/db/pos-db';
import { useHardwareStore } from '../../../../renderer/hardware/hardware-store';
import { registerDefaultScanHandlers } from '../../../../renderer/hardware/scan-handlers';
import { useScanStore } from '../../../../renderer/hardware/scan-store';
import { useSettingsScreenStore } from '../../../../renderer/hardware/settings/settings-screen-store';
import { slipFactsFromRecord } from '../../../../renderer/hardware/slip-data';
import { useSlipPrintStore } from '../../../../renderer/hardware/slip-print-store';
import { useRedeemStore } from '../../../../renderer/redeem/redeem-store';
import { decodeEscPos, printedText } from '../../../support/escpos/escpos-decoder';
import { RealBridge, TOKEN, wsSocket } from './real-bridge';
import { registerRedeemScans } from '../../../../renderer/redeem/redeem-scans';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
beforeEach(() => {
  setActivePinia(createPinia());
});

const WAIT = { timeout: 15_000, interval: 20 };

function record(redemptionId: string): RedemptionRecord {
  return {
    redemptionId,
    voucherId: 'v-1',
    codeMasked: '**** **** 9018',
    campaignTitle: '微美食 双人套餐 闪购券',
    count: 1,
    remaining: 1,
    storeId: 's-1',
    terminalId: 't-1',
    cashierId: null,
    deviceTime: '2026-11-25T04:05:00Z',
    serverTime: '2026-11-25T04:05:06Z',
    mode: 'online',
    outcome: 'accepted',
  };
}

/** The stores on a real bridge; returns once the printer (if any) reads online. */
async function storesOnBridge(options: Parameters<RealBridge['start']>[0] = {}) {
  const real = new RealBridge();
  cleanups.push(() => real.dispose());
  const url = await real.start(options);
  const host = createBridgeHardware({ url, token: TOKEN, configUrl: null }, wsSocket);
  cleanups.push(() => host.stop());
  const hardware = useHardwareStore();
  hardware.start(host);
  cleanups.push(() => hardware.dispose());
  await vi.waitFor(() => expect(hardware.printerView).toBe(options.printer === false ? 'none' : 'online'), WAIT);
  const slips = useSlipPrintStore();
  return { real, hardware, slips, redeem: useRedeemStore() };
}

const lines = async (real: RealBridge, index: number) => printedText(decodeEscPos((await real.printer.waitForJobs(index + 1))[index]!)).map((l) => l.trim());

describe('slips printed by the POS stores through a real bridge', () => {
  it('prints one 核销凭证 per accepted redemption and follows the job to "sent"', async () => {
    const { real, slips, redeem } = await storesOnBridge();
    cleanups.push(slips.printAfterRedemptions());
    redeem.result = record('r-online');
    await vi.waitFor(() => expect(slips.prints['r-online']?.state).toBe('sent'), WAIT);
    const slip = await lines(real, 0);
    expect(slip).toContain('核销凭证');
    expect(slip).toContainEqual(expect.stringMatching(/^活动 +微美食 双人套餐 闪购券$/));
    redeem.result = null;
    redeem.result = record('r-online');
    redeem.result = { ...record('r-refused'), outcome: 'rejected' };
    await nextTick();
    expect(Object.keys(slips.prints)).toEqual(['r-online']);
    expect(real.printer.jobs()).toHaveLength(1);
  });

  it("prints an offline redemption's slip with its pending mark", async () => {
    const { real, slips, redeem } = await storesOnBridge();
    cleanups.push(slips.printAfterRedemptions());
    const offline: LocalRedemption = {
      redemptionId: 'r-offline',
      codeMasked: '**** **** 1234',
      campaignTitle: '微美食 50元代金券',
      count: 1,
      status: 'pending',
      remaining: 0,
      errorCode: null,
      deviceTime: '2026-11-25T04:05:00Z',
      serverTime: null,
      mode: 'offline',
      voucherId: 'v-2',
      basis: 'lease',
      valueFen: 5000,
      settledAt: null,
      reversal: null,
    };
    redeem.offlineResult = offline;
    await vi.waitFor(() => expect(slips.prints['r-offline']?.state).toBe('sent'), WAIT);
    expect(await lines(real, 0)).toContain('离线核销，待同步确认');
  });

  it('keeps a slip the bridge never got, and prints it on retry once the bridge is back', async () => {
    const { real, hardware, slips } = await storesOnBridge();
    const port = real.port;
    await real.stopBridge();
    await vi.waitFor(() => expect(hardware.link).toBe('disconnected'), WAIT);
    await slips.printSlip(slipFactsFromRecord(record('r-retry'), '小王'));
    expect(slips.prints['r-retry']).toMatchObject({ state: 'unqueued', problem: { reason: 'not_connected', canRetry: true } });
    await real.start({ port });
    await vi.waitFor(() => expect(hardware.link).toBe('connected'), WAIT);
    await slips.retry('r-retry');
    await vi.waitFor(() => expect(slips.prints['r-retry']?.state).toBe('sent'), WAIT);
    expect(await lines(real, 0)).toContain('核销凭证');
  });

  it('waits while the printer is out of paper, then prints', async () => {
    const { real, slips } = await storesOnBridge();
    real.printer.simulator.set({ paper: 'end' });
    await slips.printSlip(slipFactsFromRecord(record('r-paper'), '小王'));
    await vi.waitFor(() => expect(slips.prints['r-paper']).toMatchObject({ state: 'waiting', lastError: 'the printer is out of paper' }), WAIT);
    real.printer.simulator.set({ paper: 'ok' });
    await vi.waitFor(() => expect(slips.prints['r-paper']?.state).toBe('sent'), { ...WAIT, timeout: 40_000 });
  });

  it('reprints from the recent list, marked as a reprint', async () => {
    const { real, slips } = await storesOnBridge();
    await slips.reprint({ ...record('r-again'), status: 'accepted', errorCode: null, voucherId: null, basis: null, valueFen: 0, settledAt: 0, reversal: null });
    await vi.waitFor(() => expect(slips.prints['r-again']).toMatchObject({ state: 'sent', reprint: true }), WAIT);
    expect(await lines(real, 0)).toContain('** 重印 **');
  });

  it('prints nothing where no printer is set up', async () => {
    const { real, slips, redeem, hardware } = await storesOnBridge({ printer: false });
    cleanups.push(slips.printAfterRedemptions());
    redeem.result = record('r-none');
    await vi.waitFor(() => expect(hardware.printerProblem?.reason).toBe('unknown_device'), WAIT);
    expect(slips.prints['r-none']).toBeUndefined();
    expect(real.printer.jobs()).toHaveLength(0);
  });
});

describe('scans routed by the POS stores', () => {
  /** A value as the scanner layer hands it on: classified once where it was read. */
  const read = (value: string) => ({ value, kind: classifyScan(value) });
  const VOUCHER = `12345678901${dammCheckDigit('12345678901')}`;

  it('shows product and member scans in a notice, and rejects what it cannot read', () => {
    const scans = useScanStore();
    cleanups.push(registerDefaultScanHandlers());
    scans.handle(read('6901234567892'), 'keyboard');
    scans.handle(read('13812341234'), 'serial');
    scans.handle(read('hello?'), 'camera');
    expect(scans.notices.map((n) => [n.key, n.params])).toEqual([
      ['product', { gtin: '6901234567892' }],
      ['member', { phone: '138****1234' }],
      ['rejected', { length: 6 }],
    ]);
    expect(scans.lastScan).toMatchObject({ kind: 'rejected', source: 'camera' });
  });

  it('only shows scans while the settings screen is open, and a voucher scan elsewhere closes it', () => {
    const scans = useScanStore();
    const settings = useSettingsScreenStore();
    cleanups.push(registerDefaultScanHandlers(), registerRedeemScans());
    settings.show();
    scans.showOnly = true;
    scans.handle(read(VOUCHER), 'serial');
    expect(scans.lastScan).toMatchObject({ kind: 'voucherCode', display: `**** **** ${VOUCHER.slice(-4)}` });
    expect(settings.open).toBe(true);
    expect(scans.notices).toEqual([]);
    scans.showOnly = false;
    scans.handle(read(VOUCHER), 'serial');
    expect(settings.open).toBe(false);
  });
});
