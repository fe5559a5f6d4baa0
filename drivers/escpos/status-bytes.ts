import { NO_FLAGS, type PrinterFlags } from '../../core/hardware/printer-status';

/** Every `DLE EOT` reply has bits 1 and 4 set and bits 0 and 7 clear. */
export function isStatusReply(byte: number): boolean {
  return (byte & 0x93) === 0x12;
}

/** First byte of a 4-byte Automatic Status Back block. */
export function isAsbHeader(byte: number): boolean {
  return (byte & 0x93) === 0x10;
}

/** The `GS r 1` answer: bits 4 and 7 clear. */
export function isTransmissionReply(byte: number): boolean {
  return (byte & 0x90) === 0x00;
}

/** Replies to `DLE EOT 1`, `2`, `4` and, when 2 reports an error, `3`. */
export interface StatusReplies {
  printer: number;
  offlineCause: number;
  paperSensor: number;
  errorCause?: number;
}

export function flagsFromStatus(replies: StatusReplies): PrinterFlags {
  return {
    offline: (replies.printer & 0x08) !== 0,
    coverOpen: (replies.offlineCause & 0x04) !== 0,
    paperEnd: (replies.offlineCause & 0x20) !== 0 || (replies.paperSensor & 0x60) !== 0,
    paperNearEnd: (replies.paperSensor & 0x0c) !== 0,
    cutterError: replies.errorCause !== undefined && (replies.errorCause & 0x08) !== 0,
    unrecoverableError: replies.errorCause !== undefined && (replies.errorCause & 0x20) !== 0,
  };
}

/** Whether the `DLE EOT 2` reply says an error occurred, so `DLE EOT 3` is worth asking. */
export function reportsError(offlineCause: number): boolean {
  return (offlineCause & 0x40) !== 0;
}

/** Automatic Status Back: byte 1 like `DLE EOT 1/2`, byte 2 errors, byte 3 paper sensors. */
export function flagsFromAsb(block: readonly number[]): PrinterFlags {
  const [first = 0, second = 0, third = 0] = block;
  return {
    ...NO_FLAGS,
    offline: (first & 0x08) !== 0,
    coverOpen: (first & 0x20) !== 0,
    cutterError: (second & 0x08) !== 0,
    unrecoverableError: (second & 0x20) !== 0,
    paperNearEnd: (third & 0x03) !== 0,
    paperEnd: (third & 0x0c) !== 0,
  };
}
