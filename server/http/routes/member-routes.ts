import type { RequestHandler, Router } from 'express';
import type { BackofficeDeps } from '../../use-cases/backoffice/deps';
import { parseInput } from '../../use-cases/backoffice/field-errors';
import { ActivityQuery, memberPoints, memberRedemptions, memberSales } from '../../use-cases/backoffice/member-activity';
import { MemberParams, memberProfile, MemberSearchQuery, searchMembers } from '../../use-cases/backoffice/member-directory';
import { MemberTagsRequest, setMemberTags } from '../../use-cases/backoffice/member-tags';
import { withoutBlanks } from '../../use-cases/backoffice/page-query';
import { MERCHANT_ROLES } from '../merchant-roles';
import { merchantSessionOf, requireMerchantUser } from '../merchant-auth';
import { sendOutcome } from '../send';

/** Members in the back office: search, profile, visits, points, tags. Phones are whole for owners only. */
export function memberRoutes(router: Router, deps: BackofficeDeps, json: RequestHandler): void {
  const anyone = requireMerchantUser(deps, MERCHANT_ROLES.anyone);
  router.get('/merchant/members', anyone, async (req, res) => {
    const query = parseInput(MemberSearchQuery, withoutBlanks(req.query));
    sendOutcome(res, query.ok ? await searchMembers(deps, merchantSessionOf(res), query.value) : query);
  });
  router.get('/merchant/members/:id', anyone, async (req, res) => {
    const params = parseInput(MemberParams, req.params);
    sendOutcome(res, params.ok ? await memberProfile(deps, merchantSessionOf(res), params.value.id) : params);
  });
  const lists = { sales: memberSales, redemptions: memberRedemptions, points: memberPoints };
  for (const [path, list] of Object.entries(lists)) {
    router.get(`/merchant/members/:id/${path}`, anyone, async (req, res) => {
      const params = parseInput(MemberParams, req.params);
      const query = parseInput(ActivityQuery, withoutBlanks(req.query));
      if (!params.ok || !query.ok) return sendOutcome(res, !params.ok ? params : query);
      sendOutcome<unknown>(res, await list(deps, merchantSessionOf(res), params.value.id, query.value));
    });
  }
  router.put('/merchant/members/:id/tags', requireMerchantUser(deps, MERCHANT_ROLES.operate), json, async (req, res) => {
    const params = parseInput(MemberParams, req.params);
    const body = parseInput(MemberTagsRequest, req.body);
    if (!params.ok || !body.ok) return sendOutcome(res, !params.ok ? params : body);
    sendOutcome(res, await setMemberTags(deps, merchantSessionOf(res), params.value.id, body.value));
  });
}
