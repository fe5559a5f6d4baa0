import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { PrinterStatus } from '../../core/hardware/printer-status';
import { PROFILE_80MM, PrinterProfile } from '../../core/hardware/printer-profile';
import { redemptionSlip } from '../../core/receipt/templates/redemption-slip';
import { encodeReceipt } from '../../drivers/escpos/escpos-encoder';
import { QueuedReceiptPrinter } from '../../drivers/printer/queued-receipt-printer';
import { PrintQueue } from '../../drivers/queue/print-queue';
import { TcpTransport } from '../../drivers/transport/tcp-transport';
import { decodeEscPos, printedText } from '../support/escpos/escpos-decoder';
import { sampleRedemptionSlip } from '../support/escpos/sample-receipts';
import { TcpTestPrinter, type TcpTestPrinterOptions } from '../support/escpos/tcp-test-printer';
import { FAST_RETRY, jobReaches, tempDir } from './support/queue-helpers';

// Printers behind print servers, cheap network boxes and printers with status switched off never
// answer `DLE EOT`. They must print, once, and the POS must say why it cannot tell their state.

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const slip = redemptionSlip(sampleRedemptionSlip('zh-CN'));
const SLIP_BYTES = encodeReceipt(slip, PROFILE_80MM);
/** A line only the slip's body prints, to count how many slips came out. */
const SLIP_MARK = '核销单号';

async function setup(printerOptions: TcpTestPrinterOptions, profile: PrinterProfile = PROFILE_80MM) {
  const printer = new TcpTestPrinter(printerOptions);
  const port = await printer.start();
  cleanups.push(() => printer.stop());
  const dataDir = tempDir('silent');
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const queue = new PrintQueue({
    printerId: 'front',
    transport: new TcpTransport({ host: '127.0.0.1', port }),
    profile,
    dataDir,
    backoff: FAST_RETRY,
    idlePollMs: 0,
    // A short status wait, as a real one; the confirmation wait is long so it can never pass for an answer.
    timeouts: { statusMs: 300, confirmMs: 60_000 },
  });
  cleanups.push(() => queue.stop());
  const seen: PrinterStatus[] = [];
  queue.onStatus((s) => seen.push(s));
  return { printer, queue, seen, receipts: new QueuedReceiptPrinter(queue) };
}

/** How many slips came out on paper over every connection. */
function slipsPrinted(printer: TcpTestPrinter): number {
  return printer.sessions.flatMap((s) => printedText(decodeEscPos(s))).filter((line) => line.trim() === SLIP_MARK).length;
}

describe('a printer that never answers DLE EOT', { timeout: 20_000 }, () => {
  it('prints anyway, says "no reply" instead of offline, and delivers each receipt once', async () => {
    const { printer, queue, seen, receipts } = await setup({ answers: false });
    queue.start();
    const first = await receipts.print(slip, 'first');
    if (!first.ok) throw new Error(first.message);
    const done = await receipts.waitForJob(first.jobId);
    expect(done.ok && done.job).toMatchObject({ state: 'sent', attempts: 1, lastError: null });
    expect(queue.lastStatus()).toMatchObject({ state: 'unknown', queries: 'noReply', known: false });
    expect(seen.map((s) => s.state)).not.toContain('offline');

    // Asked once, then the job; the next job is sent without waiting for an answer that never comes.
    const second = queue.enqueue(SLIP_BYTES, 'second');
    expect((await jobReaches(queue, second.id, 'sent')).attempts).toBe(1);
    const [one, two] = await printer.waitForJobs(2);
    expect(one).toEqual(Buffer.concat([Buffer.from([0x10, 0x04, 0x01]), SLIP_BYTES]));
    expect(two).toEqual(SLIP_BYTES);

    // Retrying and asking again send nothing twice.
    queue.retryNow();
    expect((await queue.status()).queries).toBe('noReply');
    expect(printer.jobs()).toHaveLength(2);
    expect(slipsPrinted(printer)).toBe(2);
    expect(queue.jobs().map((j) => [j.label, j.state, j.attempts])).toEqual([
      ['first', 'sent', 1],
      ['second', 'sent', 1],
    ]);
  });

  it('does not wait for a print confirmation the silent printer cannot give', async () => {
    const profile = PrinterProfile.parse({ ...PROFILE_80MM, printConfirmation: true });
    const { printer, queue } = await setup({ answers: false }, profile);
    const job = queue.enqueue(encodeReceipt(slip, profile), 'confirmed profile');
    queue.start();
    expect(await jobReaches(queue, job.id, 'sent')).toMatchObject({ attempts: 1, lastError: null });
    const [session] = await printer.waitForJobs(1);
    expect(decodeEscPos(session!).printConfirmations).toBe(0);
    expect(slipsPrinted(printer)).toBe(1);
  });

  it('notices when the printer starts answering and asks it again before each job', async () => {
    const { printer, queue } = await setup({ answers: false });
    queue.start();
    const job = queue.enqueue(SLIP_BYTES, 'while silent');
    await jobReaches(queue, job.id, 'sent');
    expect(queue.lastStatus().queries).toBe('noReply');

    printer.answers = true;
    expect(await queue.status()).toMatchObject({ state: 'online', queries: 'on', known: true });
    printer.simulator.set({ paper: 'end' });
    const held = queue.enqueue(SLIP_BYTES, 'paper out');
    expect((await jobReaches(queue, held.id, 'waiting')).lastError).toMatch(/out of paper/);
    expect(slipsPrinted(printer)).toBe(1);
  });

  it('marks a job whose connection was reset after the bytes went out as not confirmed, and does not resend it', async () => {
    const { printer, queue } = await setup({ answers: false, resetOnCut: true });
    const job = queue.enqueue(SLIP_BYTES, 'reset');
    queue.start();
    const failed = await jobReaches(queue, job.id, 'failed');
    expect(failed.lastError).toMatch(/^not confirmed/);
    expect(failed.attempts).toBe(1);
    queue.retryNow();
    await queue.status();
    expect(queue.job(job.id)?.state).toBe('failed');
    expect(slipsPrinted(printer)).toBe(1);
  });
});

describe('status queries switched off for a printer', { timeout: 20_000 }, () => {
  it('never sends DLE EOT, prints, and says the queries are off', async () => {
    const profile = PrinterProfile.parse({ ...PROFILE_80MM, statusQueries: false });
    const { printer, queue, seen } = await setup({ answers: true }, profile);
    expect(queue.lastStatus()).toMatchObject({ state: 'unknown', queries: 'off' });
    const job = queue.enqueue(SLIP_BYTES, 'unasked');
    queue.start();
    await jobReaches(queue, job.id, 'sent');
    const [session] = await printer.waitForJobs(1);
    expect(session).toEqual(SLIP_BYTES);
    expect(decodeEscPos(session!).statusRequests).toEqual([]);
    expect((await queue.status()).queries).toBe('off');
    expect(printer.sessions).toHaveLength(1);
    expect(seen.every((s) => s.queries === 'off' && s.state !== 'offline')).toBe(true);
  });

  it('an answering printer with queries on reports its state as asked', async () => {
    const { queue } = await setup({ answers: true });
    queue.start();
    const job = queue.enqueue(SLIP_BYTES, 'asked');
    await jobReaches(queue, job.id, 'sent');
    expect(queue.lastStatus()).toMatchObject({ state: 'online', queries: 'on', known: true });
  });
});
