import ntp from 'node-thermal-printer';
import { describe, expect, it } from 'vitest';
import { PROFILE_80MM } from '../../../core/hardware/printer-profile';
import { leftRight, qr, text } from '../../../core/receipt/blocks';
import { encodeReceipt } from '../../../drivers/escpos/escpos-encoder';
import { decodeEscPos } from '../../support/escpos/escpos-decoder';

/** Why the encoder is ours: the same Chinese content through node-thermal-printer 4.6.1 and through us. */
describe('node-thermal-printer 4.6.1 on a Chinese slip, decoded', () => {
  const payload = '核销-0192f0c4';
  const builder = new ntp.printer({ type: ntp.types.EPSON, interface: 'tcp://127.0.0.1:9', characterSet: ntp.characterSet.CHINA, width: 48 });
  builder.println('核销凭证');
  builder.leftRight('券码', '**** **** 9018');
  builder.printQR(payload, { cellSize: 6, correction: 'M', model: 2 });
  const theirs = decodeEscPos(builder.getBuffer());
  const ours = decodeEscPos(encodeReceipt({ blocks: [text('核销凭证'), leftRight('券码', '**** **** 9018'), qr(payload)] }, PROFILE_80MM));

  it('never sends FS &, so an Epson prints the Hanzi bytes from a single-byte code page', () => {
    expect(theirs.kanjiOnCount).toBe(0);
    expect(theirs.singleByteHighChars).toBeGreaterThan(0);
    expect(ours.kanjiModeBeforeText).toBe(true);
    expect(ours.singleByteHighChars).toBe(0);
  });

  it('counts a Hanzi as one column in leftRight, overflowing 48 columns', () => {
    // 48 characters, two of them Hanzi: 50 columns on paper however the printer reads the bytes.
    const row = theirs.lines.find((l) => l.text.includes('9018'))!;
    expect(row.width).toBe(50);
    expect(ours.lines.find((l) => l.text.includes('9018'))!.width).toBe(48);
  });

  it('declares the QR length in characters, not UTF-8 bytes', () => {
    expect(theirs.qrs[0]).toMatchObject({ declaredLength: payload.length, bytesUntilPrint: Buffer.byteLength(payload) });
    expect(ours.qrs[0]).toMatchObject({ declaredLength: Buffer.byteLength(payload), bytesUntilPrint: Buffer.byteLength(payload) });
  });

  it('sends the drawer kick ESC p m without its two pulse-time bytes', () => {
    const kicker = new ntp.printer({ type: ntp.types.EPSON, interface: 'tcp://127.0.0.1:9' });
    kicker.openCashDrawer();
    expect(kicker.getBuffer()).toEqual(Buffer.from([0x1b, 0x70, 0x00, 0x1b, 0x70, 0x01]));
    expect(() => decodeEscPos(kicker.getBuffer())).toThrow(/unexpected control byte 0x1/);
  });
});
