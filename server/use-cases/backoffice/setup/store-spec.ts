import { z } from 'zod';
import { isValidTimeZone } from '../../../../core/time-zone';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const CLOCK = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const Clock = z.string().regex(CLOCK, 'expected HH:MM between 00:00 and 24:00');

const DayHours = z
  .strictObject({ open: Clock, close: Clock })
  .refine((d) => d.close > d.open, { message: 'close must be after open', path: ['close'] })
  .nullable();

/** Opening hours for each weekday; null = closed that day. */
export const BusinessHours = z.strictObject(Object.fromEntries(WEEKDAYS.map((d) => [d, DayHours])) as Record<(typeof WEEKDAYS)[number], typeof DayHours>);
export type BusinessHours = z.infer<typeof BusinessHours>;

export const TimeZone = z.string().max(64).refine(isValidTimeZone, 'unknown time zone (expected an IANA name such as Asia/Shanghai)');

const StoreName = z.string().trim().min(1, 'required').max(60);
const Address = z.string().trim().max(200);

export const CreateStoreRequest = z.strictObject({
  name: StoreName,
  address: Address.optional(),
  timeZone: TimeZone.optional(),
  businessHours: BusinessHours.nullable().optional(),
  active: z.boolean().optional(),
});
export type CreateStoreRequest = z.infer<typeof CreateStoreRequest>;

export const UpdateStoreRequest = z
  .strictObject({
    name: StoreName.optional(),
    address: Address.optional(),
    timeZone: TimeZone.optional(),
    businessHours: BusinessHours.nullable().optional(),
    active: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'name at least one field to change');
export type UpdateStoreRequest = z.infer<typeof UpdateStoreRequest>;

export const StoreParams = z.object({ storeId: z.string().min(1).max(64) });
export const TerminalParams = z.object({ terminalId: z.string().min(1).max(64) });

/** `?limit=&cursor=` of every back-office list. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(1000).optional(),
});
