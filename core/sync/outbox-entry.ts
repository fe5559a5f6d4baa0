import { z } from 'zod';

/**
 * One business action a terminal wrote to its outbox, in the same local transaction as its effect.
 * `seq` is gapless per device from 1; `clientId` (UUIDv7) names the action for idempotency.
 */
export const OutboxEntry = z.object({
  seq: z.number().int().min(1),
  clientId: z.uuid(),
  /** Versioned intent name, `noun.verb@N`; the server keeps old versions working. */
  intent: z.string().max(64).regex(/^[a-z]+(\.[a-z_]+)+@\d+$/),
  args: z.unknown(),
  deviceTime: z.iso.datetime({ offset: true }),
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;

export const MAX_PUSH_ENTRIES = 500;

export const PushRequest = z.object({
  /** Must be the terminal the bearer token belongs to. */
  deviceId: z.string().min(1).max(64),
  entries: z.array(OutboxEntry).min(1).max(MAX_PUSH_ENTRIES),
  /**
   * The device's clock when it sent the request. The server compares it with its own to measure the
   * device's clock skew, corrects entry times by it and flags records when it exceeds five minutes.
   */
  sentAt: z.iso.datetime({ offset: true }).optional(),
});
export type PushRequest = z.infer<typeof PushRequest>;

/**
 * applied: done now; duplicate: done before, `result` is the stored first answer;
 * rejected: a business refusal, recorded, the sequence still advances;
 * conflict: accepted as a record but the voucher was already spent elsewhere — for review.
 */
export const EntryStatus = z.enum(['applied', 'duplicate', 'rejected', 'conflict']);
export type EntryStatus = z.infer<typeof EntryStatus>;

export const EntryResult = z.object({
  seq: z.number().int(),
  clientId: z.string(),
  status: EntryStatus,
  result: z.unknown().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  serverTime: z.string(),
});
export type EntryResult = z.infer<typeof EntryResult>;

export const PushResponse = z.object({
  results: z.array(EntryResult),
  /** The device's last applied sequence after this push. */
  lastSeq: z.number().int().min(0),
  /** Set when an entry's seq skipped ahead: nothing after the gap was applied; resend from here. */
  gap: z.object({ expectedSeq: z.number().int().min(1) }).nullable(),
});
export type PushResponse = z.infer<typeof PushResponse>;

/** Body of a 503 during push: everything up to `lastSeq` is durable, resend the rest. */
export const PushUnavailable = z.object({
  error: z.object({ code: z.literal('UNAVAILABLE'), message: z.string() }),
  lastSeq: z.number().int().min(0),
});
