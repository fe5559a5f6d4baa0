import { ok } from '../../../core/result';
import { findCampaign } from '../../repositories/backoffice/campaign-rows';
import { addCampaignStores, insertCampaign } from '../../repositories/backoffice/campaign-writes';
import type { MerchantSession } from '../../repositories/backoffice/merchant-session';
import { runScript } from '../../repositories/backoffice/transaction-script';
import { userAuditInsert } from '../../repositories/backoffice/user-audit';
import { newId } from '../../security/ids';
import type { Outcome } from '../outcome';
import { columnsOf, viewOf, type CampaignView } from './campaign-columns';
import { crossFieldErrors, specFromCreate, type CreateCampaignRequest } from './campaign-spec';
import type { BackofficeDeps } from './deps';
import { invalidFields } from './field-errors';
import { unknownStores } from './store-check';

/** A new campaign starts as a draft: nothing is sold until it is published. */
export async function createCampaign(
  deps: BackofficeDeps,
  session: MerchantSession,
  input: CreateCampaignRequest,
): Promise<Outcome<CampaignView>> {
  const spec = specFromCreate(input);
  const errors = crossFieldErrors(spec, session.merchant.timeZone);
  if (errors.length > 0) return invalidFields(errors);

  const db = deps.db;
  const merchantId = session.merchant.id;
  const id = newId();
  const at = deps.now().toISOString();
  const refused = await runScript(db, function* () {
    const storeProblem = yield* unknownStores(db, merchantId, spec.storeIds);
    if (storeProblem) return storeProblem;
    yield insertCampaign(db, merchantId, id, columnsOf(spec, session.merchant.timeZone), at);
    yield* addCampaignStores(db, merchantId, id, spec.storeIds);
    yield userAuditInsert(db, {
      merchantId,
      userId: session.user.id,
      action: 'campaign.create',
      subjectId: id,
      details: { title: spec.title, kind: spec.kind },
      at,
    }).compile();
    return null;
  });
  if (refused) return refused;
  const created = await findCampaign(db, merchantId, id);
  if (!created) throw new Error('a campaign vanished right after it was created');
  return ok(viewOf(created));
}
