import { DEFAULT_COUNTER_SETTINGS } from '../../core/sale/counter-settings';
import { ManagerPinGate } from './manager-pin';

/** The one PIN gate of this window (sign-in, approvals, reversals): its lockout outlives one prompt, and switching prompts does not reset it. */
export const managerPinGate = new ManagerPinGate(DEFAULT_COUNTER_SETTINGS.pinMaxFailures, DEFAULT_COUNTER_SETTINGS.pinLockMinutes * 60_000);
