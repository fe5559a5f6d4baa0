import type { z } from 'zod';
import { INTENTS, type IntentName } from '../../core/sync/intents';
import { rejected, type EntryContext, type EntryOutcome } from '../sync/push/entry-outcome';
import type { Steps } from '../sync/sql/steps';
import { memberEnrolEntry, memberPatchEntry } from './member-entries';
import { saleCreateEntry } from './sale-create-entry';
import { saleRefundEntry } from './sale-refund-entry';
import { cashMoveEntry, shiftCloseEntry, shiftOpenEntry } from './shift-entries';

type CounterIntent = Exclude<IntentName, 'voucher.redeem@1' | 'voucher.reverse@1'>;
type Handler<N extends CounterIntent> = (ctx: EntryContext, args: z.infer<(typeof INTENTS)[N]>) => Steps<EntryOutcome>;

const HANDLERS: { [N in CounterIntent]: Handler<N> } = {
  'sale.create@1': saleCreateEntry,
  'sale.refund@1': saleRefundEntry,
  'member.enrol@1': memberEnrolEntry,
  'member.patch@1': memberPatchEntry,
  'shift.open@1': shiftOpenEntry,
  'shift.close@1': shiftCloseEntry,
  'cash.move@1': cashMoveEntry,
};

export function isCounterIntent(name: string): name is CounterIntent {
  return Object.hasOwn(HANDLERS, name);
}

/** The counter's intents: parsed by their schema, then applied inside the push transaction. */
export function* applyCounterEntry(ctx: EntryContext, intent: CounterIntent): Steps<EntryOutcome> {
  const parsed = INTENTS[intent].safeParse(ctx.entry.args);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return rejected(ctx, 'VALIDATION_FAILED', `${intent} args: ${issue ? `${issue.path.join('.') || '(args)'}: ${issue.message}` : 'invalid'}`);
  }
  const handler = HANDLERS[intent] as Handler<CounterIntent>;
  return yield* handler(ctx, parsed.data as never);
}
