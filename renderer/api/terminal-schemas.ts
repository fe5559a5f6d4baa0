import { z } from 'zod';

/** `GET /terminals/me`: who this device token belongs to. */
export const TerminalIdentity = z.object({
  terminal: z.object({ id: z.string(), name: z.string() }),
  store: z.object({ id: z.string(), name: z.string() }),
  merchant: z.object({ id: z.string(), name: z.string(), timeZone: z.string() }),
});
export type TerminalIdentity = z.infer<typeof TerminalIdentity>;

/** `POST /terminals/pair`: the identity plus the device token, shown only this once. */
export const PairResponse = TerminalIdentity.extend({ token: z.string().min(1) });
export type PairResponse = z.infer<typeof PairResponse>;

export const HealthResponse = z.looseObject({});
