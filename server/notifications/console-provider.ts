import { z } from 'zod';
import { maskPhone } from '../../core/mask';
import { fail, ok } from '../../core/result';
import {
  sendFailure,
  silentLogger,
  type NotificationProvider,
  type OutgoingMessage,
  type ProviderDeps,
  type SendResult,
} from './provider';
import { isE164, isPlatformHandle } from './recipient';
import { loggableMessage } from './redact';
import { measureSms } from './sms-length';
import { renderTemplate, withSignature } from './templates';

/** For the demo and development: prints what the buyer would receive instead of sending it. */
export const ConsoleProviderConfig = z.object({
  provider: z.literal('console'),
  locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
  signName: z.string().min(1).default('Hexiao'),
});
export type ConsoleProviderConfig = z.infer<typeof ConsoleProviderConfig>;

export interface ConsoleOutput {
  write(text: string): unknown;
}

export function createConsoleProvider(
  config: ConsoleProviderConfig,
  deps: ProviderDeps & { out?: ConsoleOutput } = {},
): NotificationProvider {
  const out = deps.out ?? process.stdout;
  const logger = deps.logger ?? silentLogger;

  async function send(message: OutgoingMessage): Promise<SendResult> {
    const validRecipient = message.channel === 'sms' ? isE164(message.to) : isPlatformHandle(message.to);
    if (!validRecipient) return sendFailure('RECIPIENT_INVALID', message.channel === 'sms' ? 'not an E.164 phone number' : 'not a platform:handle');
    const rendered = renderTemplate(message.templateId, message.params, config.locale);
    if (!rendered.ok) return sendFailure('TEMPLATE_REJECTED', rendered.message);
    const text = message.channel === 'sms' ? withSignature(rendered.value, config.signName) : rendered.value;
    const length = measureSms(text);
    const to = message.channel === 'sms' ? maskPhone(message.to) : message.to;
    const size = message.channel === 'sms' ? `, ${length.characters} chars, ${length.segments} SMS` : '';
    // The demo's whole point is to show the buyer's text, code included; logs stay masked.
    out.write(`── ${message.channel.toUpperCase()} to ${to} (${message.templateId}${size}) ──\n${text}\n`);
    logger.info({ provider: 'console', ...loggableMessage(message), segments: length.segments }, 'message printed');
    return ok({ providerMessageId: `console:${message.idempotencyKey}` });
  }

  return {
    name: 'console',
    channels: ['sms', 'dm'],
    send,
    parseDeliveryCallback: () => fail('VALIDATION_FAILED', 'the console provider has no delivery callbacks'),
  };
}
