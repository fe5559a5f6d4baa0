/** ESC/POS command bytes used by the encoder and the printer session (Epson TM reference numbering). */
export const ESC = 0x1b;
export const GS = 0x1d;
export const FS = 0x1c;
export const DLE = 0x10;
export const LF = 0x0a;

export const INIT = [ESC, 0x40];
/** `FS &`: double-byte (Kanji/GB18030) mode on; `FS .` off. */
export const KANJI_ON = [FS, 0x26];
export const KANJI_OFF = [FS, 0x2e];

export const ALIGN = { left: [ESC, 0x61, 0], center: [ESC, 0x61, 1], right: [ESC, 0x61, 2] } as const;

export function bold(on: boolean): number[] {
  return [ESC, 0x45, on ? 1 : 0];
}

/** `GS !` for single-byte characters and `FS !` for double-byte ones: clones honour one or the other. */
export function characterSize(width: 1 | 2, height: 1 | 2): number[] {
  const gs = ((width - 1) << 4) | (height - 1);
  const fs = (width === 2 ? 0x04 : 0) | (height === 2 ? 0x08 : 0);
  return [GS, 0x21, gs, FS, 0x21, fs];
}

export function feedLines(lines: number): number[] {
  return [ESC, 0x64, lines];
}

/** `GS V 65/66 n`: feed n dots then cut fully or partially. */
export function cutPaper(partial: boolean): number[] {
  return [GS, 0x56, partial ? 0x42 : 0x41, 0x03];
}

/** `ESC p m t1 t2`: pulse drawer pin 2 (m=0) or 5 (m=1) for 50 ms on, 500 ms off. */
export function drawerKick(pin: 2 | 5): number[] {
  return [ESC, 0x70, pin === 2 ? 0 : 1, 25, 250];
}

/** `DLE EOT n`: real-time status, answered with one byte even while the printer is busy. */
export function statusRequest(n: 1 | 2 | 3 | 4): number[] {
  return [DLE, 0x04, n];
}

/** `GS a n`: automatic status back; 0xff reports every change, 0 turns it off. */
export function automaticStatusBack(on: boolean): number[] {
  return [GS, 0x61, on ? 0xff : 0x00];
}

/** `GS r 1`: paper sensor status, answered only after every byte before it was processed. */
export const TRANSMIT_PAPER_STATUS = [GS, 0x72, 0x01];
