import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { PROFILE_80MM, PrinterProfile } from '../../core/hardware/printer-profile';
import { redemptionSlip } from '../../core/receipt/templates/redemption-slip';
import { encodeReceipt } from '../../drivers/escpos/escpos-encoder';
import { PrinterCashDrawer, QueuedReceiptPrinter } from '../../drivers/printer/queued-receipt-printer';
import { PrintQueue } from '../../drivers/queue/print-queue';
import { TcpTransport } from '../../drivers/transport/tcp-transport';
import { decodeEscPos } from '../support/escpos/escpos-decoder';
import { sampleRedemptionSlip } from '../support/escpos/sample-receipts';
import { TcpTestPrinter } from '../support/escpos/tcp-test-printer';
import { FAST_RETRY, FAST_TIMEOUTS, jobReaches, statusReaches, tempDir } from './support/queue-helpers';

const STATUS_QUERY = Buffer.from([0x10, 0x04, 0x01, 0x10, 0x04, 0x02, 0x10, 0x04, 0x04]);
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(profile: PrinterProfile = PROFILE_80MM, port?: number) {
  const printer = new TcpTestPrinter();
  const actualPort = await printer.start(port);
  cleanups.push(() => printer.stop());
  const dataDir = tempDir('tcp-queue');
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const queue = makeQueue(dataDir, actualPort, profile);
  return { printer, queue, dataDir, port: actualPort };
}

function makeQueue(dataDir: string, port: number, profile: PrinterProfile = PROFILE_80MM): PrintQueue {
  const queue = new PrintQueue({
    printerId: 'front',
    transport: new TcpTransport({ host: '127.0.0.1', port }),
    profile,
    dataDir,
    backoff: FAST_RETRY,
    idlePollMs: 0,
    timeouts: FAST_TIMEOUTS,
  });
  cleanups.push(() => queue.stop());
  return queue;
}

const slip = redemptionSlip(sampleRedemptionSlip('zh-CN'));

describe('printing over TCP 9100', () => {
  it('asks DLE EOT 1/2/4, then sends the encoded job byte for byte', async () => {
    const { printer, queue } = await setup();
    const receiptPrinter = new QueuedReceiptPrinter(queue);
    queue.start();
    const queued = await receiptPrinter.print(slip, 'redemption slip');
    expect(queued.ok).toBe(true);
    if (!queued.ok) return;
    const done = await receiptPrinter.waitForJob(queued.jobId);
    expect(done.ok && done.job.state).toBe('sent');
    const [session] = await printer.waitForJobs(1);
    expect(session).toEqual(Buffer.concat([STATUS_QUERY, encodeReceipt(slip, PROFILE_80MM)]));
    expect(decodeEscPos(session!).lines.map((l) => l.text)).toContain('                    核销单号');
  });

  it('keeps jobs when paper runs out mid-queue, shows the status, prints them after recovery', async () => {
    const { printer, queue } = await setup();
    printer.simulator.paperOutAfterCuts = 1;
    const ids = ['first', 'second', 'third'].map((label) => queue.enqueue(encodeReceipt(slip, PROFILE_80MM), label).id);
    const paperOut = statusReaches(queue, 'paperEnd');
    const secondWaits = jobReaches(queue, ids[1]!, 'waiting');
    queue.start();
    await paperOut;
    const waiting = await secondWaits;
    expect(waiting.lastError).toMatch(/out of paper/);
    expect(queue.job(ids[0]!)?.state).toBe('sent');
    expect(queue.job(ids[2]!)?.state).toBe('queued');
    expect(printer.jobs()).toHaveLength(1);

    printer.simulator.paperOutAfterCuts = null;
    printer.simulator.set({ paper: 'ok' });
    queue.retryNow();
    await jobReaches(queue, ids[2]!, 'sent');
    expect(queue.lastStatus().state).toBe('online');
    const jobs = await printer.waitForJobs(3);
    expect(jobs).toHaveLength(3);
    expect(queue.jobs().map((j) => [j.label, j.state])).toEqual([
      ['first', 'sent'],
      ['second', 'sent'],
      ['third', 'sent'],
    ]);
  });

  it('lets a job wait while the printer is down and loses nothing across a queue restart', async () => {
    const probe = new TcpTestPrinter();
    const port = await probe.start();
    await probe.stop();
    const dataDir = tempDir('tcp-restart');
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));

    const first = makeQueue(dataDir, port);
    const job = first.enqueue(encodeReceipt(slip, PROFILE_80MM), 'while down');
    const offline = statusReaches(first, 'offline');
    const waits = jobReaches(first, job.id, 'waiting');
    first.start();
    await offline;
    expect((await waits).lastError).toMatch(/cannot (connect|reach)/);
    await first.stop();

    const printer = new TcpTestPrinter();
    await printer.start(port);
    cleanups.push(() => printer.stop());
    const second = makeQueue(dataDir, port);
    expect(second.job(job.id)?.state).toBe('waiting');
    second.start();
    const sent = await jobReaches(second, job.id, 'sent');
    expect(sent.attempts).toBe(1);
    const [session] = await printer.waitForJobs(1);
    expect(session!.subarray(STATUS_QUERY.length)).toEqual(encodeReceipt(slip, PROFILE_80MM));
  });

  it('confirms a printed job with GS r 1, holding it while the paper is out', async () => {
    const profile = PrinterProfile.parse({ ...PROFILE_80MM, printConfirmation: true });
    const { printer, queue } = await setup(profile);
    printer.simulator.paperOutAfterCuts = 1;
    const receiptPrinter = new QueuedReceiptPrinter(queue);
    const paperOut = statusReaches(queue, 'paperEnd');
    queue.start();
    const queued = await receiptPrinter.print(slip);
    if (!queued.ok) throw new Error(queued.message);
    await jobReaches(queue, queued.jobId, 'printing');
    await paperOut;
    expect(queue.job(queued.jobId)?.state).toBe('printing');
    printer.simulator.paperOutAfterCuts = null;
    printer.simulator.set({ paper: 'ok' });
    const done = await receiptPrinter.waitForJob(queued.jobId);
    expect(done.ok && done.job.state).toBe('printed');
    const decoded = decodeEscPos((await printer.waitForJobs(1))[0]!);
    expect(decoded.printConfirmations).toBe(1);
  });

  it('reprints a job by id with the same bytes and kicks the drawer without queuing it', async () => {
    const { printer, queue } = await setup();
    const receiptPrinter = new QueuedReceiptPrinter(queue);
    queue.start();
    const queued = await receiptPrinter.print(slip);
    if (!queued.ok) throw new Error(queued.message);
    await receiptPrinter.waitForJob(queued.jobId);
    const again = await receiptPrinter.reprint(queued.jobId);
    if (!again.ok) throw new Error(again.message);
    const reprinted = await receiptPrinter.waitForJob(again.jobId);
    expect(reprinted.ok && reprinted.job.reprintOf).toBe(queued.jobId);
    const [one, two] = await printer.waitForJobs(2);
    expect(two).toEqual(one);
    expect(await receiptPrinter.reprint('no-such-job')).toMatchObject({ ok: false, reason: 'job_not_found', canRetry: false });

    const opened = await new PrinterCashDrawer('till', queue).open();
    expect(opened.ok).toBe(true);
    expect(printer.sessions.at(-1)).toEqual(Buffer.from([0x1b, 0x70, 0, 25, 250]));
    expect(queue.jobs()).toHaveLength(2);
  });

  it('stops without waiting out a held confirmation and prints that job after a restart', async () => {
    const profile = PrinterProfile.parse({ ...PROFILE_80MM, printConfirmation: true });
    const { printer, queue, dataDir, port } = await setup(profile);
    printer.simulator.paperOutAfterCuts = 1;
    const job = queue.enqueue(encodeReceipt(slip, profile), 'held');
    const paperOut = statusReaches(queue, 'paperEnd');
    queue.start();
    await paperOut;
    await queue.stop();

    printer.simulator.paperOutAfterCuts = null;
    printer.simulator.set({ paper: 'ok' });
    const restarted = makeQueue(dataDir, port, profile);
    expect(restarted.job(job.id)?.state).toBe('waiting');
    restarted.start();
    const printed = await jobReaches(restarted, job.id, 'printed');
    expect(printed.attempts).toBe(2);
  });
});
