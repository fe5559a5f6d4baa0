import { z } from 'zod';
import { CounterSettings } from '../sale/counter-settings';

/** A `counter_settings` change: the merchant's counter settings (the defaults until the owner saves some), keyed by merchant. */
export const CounterSettingsRow = CounterSettings.extend({ merchantId: z.string() });
export type CounterSettingsRow = z.infer<typeof CounterSettingsRow>;
