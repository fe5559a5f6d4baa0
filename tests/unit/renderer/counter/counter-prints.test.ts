import 'fake-indexeddb/auto';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { saleReceipt } from '../../../../core/receipt/templates/sale-receipt';
import { createBridgeHardware } from '../../../../renderer/bridge/browser-hardware';
import { saleReceiptKey, useCounterPrintStore } from '../../../../renderer/counter/counter-print-store';
import { useHardwareStore } from '../../../../renderer/hardware/hardware-store';
import { decodeEscPos, printedText } from '../../../support/escpos/escpos-decoder';
import { sampleSaleReceipt } from '../../../support/escpos/sample-receipts';
import { RealBridge, TOKEN, wsSocket } from '../hardware/real-bridge';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
beforeEach(() => {
  setActivePinia(createPinia());
});

const WAIT = { timeout: 15_000, interval: 20 };
const receipt = () => saleReceipt({ ...sampleSaleReceipt('zh-CN'), reprint: true });

async function onBridge(printer = true) {
  const real = new RealBridge();
  cleanups.push(() => real.dispose());
  const url = await real.start({ printer });
  const host = createBridgeHardware({ url, token: TOKEN, configUrl: null }, wsSocket);
  cleanups.push(() => host.stop());
  const hardware = useHardwareStore();
  hardware.start(host);
  cleanups.push(() => hardware.dispose());
  await vi.waitFor(() => expect(hardware.printerView).toBe(printer ? 'online' : 'none'), WAIT);
  return { real, prints: useCounterPrintStore() };
}

describe('sale receipts and reports say what the print queue did with them', () => {
  it('with no printer set up: nothing is queued, and the print says so', async () => {
    const { real, prints } = await onBridge(false);
    expect(await prints.send(saleReceiptKey('s-1'), receipt(), 'sale 000001')).toMatchObject({ state: 'noPrinter', jobId: null });
    expect(real.printer.jobs()).toHaveLength(0);
  });

  it('follows a queued receipt to the printer, and a reprint is marked 重印', async () => {
    const { real, prints } = await onBridge();
    await prints.send(saleReceiptKey('s-2'), receipt(), 'sale 000002 reprint', true);
    await vi.waitFor(() => expect(prints.prints[saleReceiptKey('s-2')]?.state).toBe('sent'), WAIT);
    const printed = printedText(decodeEscPos((await real.printer.waitForJobs(1))[0]!)).map((l) => l.trim());
    expect(printed).toContain('** 重印 **');
  });

  it('waits with the printer’s reason while it is out of paper', async () => {
    const { real, prints } = await onBridge();
    real.printer.simulator.set({ paper: 'end' });
    await prints.send(saleReceiptKey('s-3'), receipt(), 'sale 000003');
    await vi.waitFor(() => expect(prints.prints[saleReceiptKey('s-3')]).toMatchObject({ state: 'waiting', lastError: 'the printer is out of paper' }), WAIT);
    real.printer.simulator.set({ paper: 'ok' });
    await vi.waitFor(() => expect(prints.prints[saleReceiptKey('s-3')]?.state).toBe('sent'), { ...WAIT, timeout: 40_000 });
  });

  it('keeps a receipt the bridge never got as not printed, with the reason, and prints it on retry', async () => {
    const { real, prints } = await onBridge();
    const port = real.port;
    await real.stopBridge();
    await vi.waitFor(() => expect(useHardwareStore().link).toBe('disconnected'), WAIT);
    await prints.send(saleReceiptKey('s-4'), receipt(), 'sale 000004');
    expect(prints.prints[saleReceiptKey('s-4')]).toMatchObject({ state: 'unqueued', problem: { reason: 'not_connected', canRetry: true } });
    await real.start({ port });
    await vi.waitFor(() => expect(useHardwareStore().link).toBe('connected'), WAIT);
    await prints.retry(saleReceiptKey('s-4'));
    await vi.waitFor(() => expect(prints.prints[saleReceiptKey('s-4')]?.state).toBe('sent'), WAIT);
  });
});
