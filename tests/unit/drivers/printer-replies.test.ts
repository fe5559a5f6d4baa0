import { describe, expect, it } from 'vitest';
import { printerStatus, stateOf } from '../../../core/hardware/printer-status';
import { ReplyReader } from '../../../drivers/escpos/reply-reader';
import { flagsFromAsb, flagsFromStatus, isStatusReply } from '../../../drivers/escpos/status-bytes';

describe('DLE EOT status bytes', () => {
  it('reads offline, cover open, paper end and near end from replies 1, 2 and 4', () => {
    const healthy = flagsFromStatus({ printer: 0x12, offlineCause: 0x12, paperSensor: 0x12 });
    expect(stateOf(healthy)).toBe('online');
    expect(flagsFromStatus({ printer: 0x1a, offlineCause: 0x32, paperSensor: 0x72 })).toMatchObject({ offline: true, paperEnd: true });
    expect(stateOf(flagsFromStatus({ printer: 0x1a, offlineCause: 0x32, paperSensor: 0x72 }))).toBe('paperEnd');
    expect(stateOf(flagsFromStatus({ printer: 0x1a, offlineCause: 0x16, paperSensor: 0x12 }))).toBe('coverOpen');
    expect(stateOf(flagsFromStatus({ printer: 0x12, offlineCause: 0x12, paperSensor: 0x1e }))).toBe('paperNearEnd');
    expect(stateOf(flagsFromStatus({ printer: 0x1a, offlineCause: 0x52, paperSensor: 0x12, errorCause: 0x1a }))).toBe('error');
    expect([0x12, 0x1a, 0x72, 0x16].every(isStatusReply)).toBe(true);
    expect([0x00, 0x10, 0x0c, 0x13].some(isStatusReply)).toBe(false);
  });

  it('reads Automatic Status Back blocks', () => {
    expect(flagsFromAsb([0x18, 0x00, 0x0c, 0x00])).toMatchObject({ offline: true, paperEnd: true, paperNearEnd: false });
    expect(flagsFromAsb([0x38, 0x00, 0x00, 0x00])).toMatchObject({ coverOpen: true });
    expect(printerStatus(flagsFromAsb([0x10, 0x00, 0x03, 0x00]), new Date(0)).state).toBe('paperNearEnd');
  });
});

describe('ReplyReader', () => {
  it('sorts status replies, GS r answers and ASB blocks arriving in one stream', async () => {
    const asb: number[][] = [];
    const reader = new ReplyReader((block) => asb.push(block));
    const status = reader.next('status', 1000);
    reader.push(Buffer.from([0x18, 0x00, 0x0c, 0x00, 0x12]));
    expect(await status).toBe(0x12);
    reader.push(Buffer.from([0x00, 0x72]));
    expect(await reader.next('transmission', 1000)).toBe(0x00);
    expect(await reader.next('status', 1000)).toBe(0x72);
    expect(asb).toEqual([[0x18, 0x00, 0x0c, 0x00]]);
  });

  it('fails a wait on timeout and on abort', async () => {
    const reader = new ReplyReader();
    await expect(reader.next('status', 5)).rejects.toThrow(/no status reply/);
    const pending = reader.next('transmission', 10_000);
    reader.abort(new Error('link closed'));
    await expect(pending).rejects.toThrow('link closed');
  });
});
