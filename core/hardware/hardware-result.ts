import { z } from 'zod';

/** Why a hardware call did not succeed; the UI words it, `canRetry` says whether a retry may help. */
export const HardwareFailureReason = z.enum([
  'offline',
  'paper_end',
  'cover_open',
  'printer_error',
  'not_connected',
  'timeout',
  'io_error',
  'invalid_document',
  'unsupported',
  'unknown_device',
  'job_not_found',
  'bad_request',
]);
export type HardwareFailureReason = z.infer<typeof HardwareFailureReason>;

export const HardwareFailure = z.object({
  ok: z.literal(false),
  canRetry: z.boolean(),
  reason: HardwareFailureReason,
  message: z.string(),
});
export type HardwareFailure = z.infer<typeof HardwareFailure>;

/** `{ ok: true }` plus whatever the call returns, or a failure as a value: never an exception. */
export type HardwareResult<T extends object = object> = ({ ok: true } & T) | HardwareFailure;

export function hardwareOk<T extends object>(value: T): { ok: true } & T {
  return { ok: true, ...value };
}

export function hardwareFail(reason: HardwareFailureReason, message: string, canRetry?: boolean): HardwareFailure {
  return { ok: false, canRetry: canRetry ?? RETRYABLE.has(reason), reason, message };
}

const RETRYABLE = new Set<HardwareFailureReason>([
  'offline',
  'paper_end',
  'cover_open',
  'not_connected',
  'timeout',
  'io_error',
]);
