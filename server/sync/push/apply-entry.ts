import type { z } from 'zod';
import { isKnownIntent, VoucherRedeemV1, VoucherReverseV1 } from '../../../core/sync';
import { applyCounterEntry, isCounterIntent } from '../../counter/apply-counter-entry';
import type { Steps } from '../sql/steps';
import { rejected, type EntryContext, type EntryOutcome } from './entry-outcome';
import { redeemEntry } from './redeem-entry';
import { reverseEntry } from './reverse-entry';

function invalid(ctx: EntryContext, error: z.ZodError): EntryOutcome {
  const issue = error.issues[0];
  const where = issue ? `${issue.path.join('.') || '(args)'}: ${issue.message}` : 'invalid';
  return rejected(ctx, 'VALIDATION_FAILED', `${ctx.entry.intent} args: ${where}`);
}

/** One outbox entry by its intent. An entry that can never apply is refused, so the queue moves on. */
export function* applyEntry(ctx: EntryContext): Steps<EntryOutcome> {
  const { intent, args } = ctx.entry;
  if (!isKnownIntent(intent)) return rejected(ctx, 'INTENT_UNSUPPORTED', `this server does not know the intent ${intent}`);
  if (isCounterIntent(intent)) return yield* applyCounterEntry(ctx, intent);
  if (intent === 'voucher.redeem@1') {
    const parsed = VoucherRedeemV1.safeParse(args);
    return parsed.success ? yield* redeemEntry(ctx, parsed.data) : invalid(ctx, parsed.error);
  }
  const parsed = VoucherReverseV1.safeParse(args);
  return parsed.success ? yield* reverseEntry(ctx, parsed.data) : invalid(ctx, parsed.error);
}
