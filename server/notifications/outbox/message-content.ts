import { lastValidLocalDate } from '../../../core/campaign-rules';
import type { CampaignDirectory } from '../../repositories/sales/campaign-directory';
import type { OutgoingMessage } from '../provider';
import { voucherMessageParams, type NotificationLocale } from '../templates';
import type { ClaimedMessage } from './outbox-statements';

/**
 * The message as the provider receives it. The code is read from the voucher now, never from the
 * outbox row; campaign facts come from the (cached) campaign. Stored params override computed ones.
 */
export async function buildOutgoing(
  message: ClaimedMessage,
  campaigns: CampaignDirectory,
  locale: NotificationLocale,
): Promise<OutgoingMessage | string> {
  const stored = parseParams(message.params);
  let params: Record<string, string> = stored;
  if (message.voucherId) {
    if (!message.code || !message.campaignId || !message.validUntil) return 'the voucher of this message no longer exists';
    const facts = await campaigns.factsOf(message.merchantId, message.campaignId);
    if (!facts) return 'the campaign of this message no longer exists';
    const validUntilDate = lastValidLocalDate({ validUntil: facts.validityRules.validUntil ?? message.validUntil }, facts.timeZone);
    const computed = voucherMessageParams(
      { code: message.code, campaignTitle: facts.title, validUntilDate: validUntilDate ?? '', storeNames: facts.storeNames },
      locale,
    );
    params = { ...computed, ...stored };
  }
  return { to: message.recipient, channel: message.channel, templateId: message.template, params, idempotencyKey: message.id };
}

function parseParams(json: string): Record<string, string> {
  try {
    const value = JSON.parse(json) as unknown;
    if (typeof value !== 'object' || value === null) return {};
    return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    return {};
  }
}
