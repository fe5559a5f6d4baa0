import { z } from 'zod';
import { adminRequest, pageOf, withQuery } from './client';

// GET /merchant/security-alerts: code-guessing lockouts and slowed-down logins, newest first, owners only.
export const SecurityAlertSchema = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.enum(['code_guessing.locked', 'login.throttled']),
  subject: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type SecurityAlert = z.infer<typeof SecurityAlertSchema>;

export const securityAlertsApi = {
  list: (cursor: string | null, limit = 20) =>
    adminRequest({ method: 'GET', path: withQuery('/merchant/security-alerts', { limit, cursor }), schema: pageOf(SecurityAlertSchema) }),
};
