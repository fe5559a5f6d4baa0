import { z } from 'zod';
import { hardwareFail, type HardwareResult } from '../../../core/hardware/hardware-result';
import type { POS_IPC } from '../../../core/pos-api';
import { ReceiptDocument } from '../../../core/receipt/document';
import type { HardwareHostApi } from './hardware-host';

type HardwareChannel = Exclude<keyof typeof POS_IPC, 'runtimeInfo' | 'launchConfig'>;

/** What a renderer sends over IPC is checked here before any device sees it. */
export type HardwareInvokers = Record<HardwareChannel, (args: readonly unknown[]) => Promise<HardwareResult>>;

const JobId = z.string().min(1).max(100);
const Label = z.string().min(1).max(200);

function badRequest(what: string): Promise<HardwareResult> {
  return Promise.resolve(hardwareFail('bad_request', what, false));
}

export function hardwareInvokers(host: HardwareHostApi): HardwareInvokers {
  const withJobId = (call: (jobId: string) => Promise<HardwareResult>) => (args: readonly unknown[]) => {
    const jobId = JobId.safeParse(args[0]);
    return jobId.success ? call(jobId.data) : badRequest('a job id is a string of 1 to 100 characters');
  };
  return {
    printerStatus: () => host.printerStatus(),
    print: (args) => {
      const document = ReceiptDocument.safeParse(args[0]);
      if (!document.success) return Promise.resolve(hardwareFail('invalid_document', document.error.issues[0]?.message ?? 'not a receipt document', false));
      const label = Label.safeParse(args[1]);
      return label.success ? host.print(document.data, label.data) : badRequest('a label is a string of 1 to 200 characters');
    },
    waitForJob: withJobId((jobId) => host.waitForJob(jobId)),
    reprint: withJobId((jobId) => host.reprint(jobId)),
    printJobs: () => host.printJobs(),
    scannerStatus: () => host.scannerStatus(),
    openDrawer: () => host.openDrawer(),
    getHardwareConfig: () => host.getHardwareConfig(),
    setHardwareConfig: (args) => host.setHardwareConfig(args[0]),
    listSerialPorts: () => host.listSerialPorts(),
  };
}
