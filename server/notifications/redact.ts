import { maskPhone } from '../../core/mask';
import { maskCode } from '../../core/voucher-code';
import type { OutgoingMessage } from './provider';

// Twelve digits, optionally grouped 4-4-4 by spaces or dashes, not inside a longer number.
const CODE_IN_TEXT = /(?<!\d)\d{4}[ -]?\d{4}[ -]?\d{4}(?!\d)/g;

/** Masks every voucher code in free text (provider error messages can echo template params). */
export function maskCodesIn(text: string): string {
  return text.replace(CODE_IN_TEXT, (match) => maskCode(match));
}

/** The fields of a message safe to put in a log line. */
export function loggableMessage(message: OutgoingMessage): Record<string, unknown> {
  return {
    to: message.channel === 'sms' ? maskPhone(message.to) : message.to,
    channel: message.channel,
    templateId: message.templateId,
    idempotencyKey: message.idempotencyKey,
    code: message.params['code'] ? maskCode(message.params['code']) : undefined,
  };
}
