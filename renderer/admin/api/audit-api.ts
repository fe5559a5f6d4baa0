import { z } from 'zod';
import { adminRequest, pageOf, withQuery } from './client';

// GET /merchant/audit of h/admin-setup (docs/admin-api/admin-setup.md, "Audit log"): owners only.
export const AuditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  action: z.string(),
  actor: z.object({ type: z.string(), id: z.string().nullable(), name: z.string().nullable() }),
  target: z.object({ id: z.string().nullable() }),
  storeId: z.string().nullable(),
  details: z.unknown(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export interface AuditFilter {
  actor?: string | undefined;
  /** An exact action, or a prefix ending in `.` (`terminal.`). */
  action?: string | undefined;
  storeId?: string | undefined;
  /** ISO instants: from inclusive, to exclusive. */
  from?: string | undefined;
  to?: string | undefined;
}

export const auditApi = {
  list: (filter: AuditFilter, cursor: string | null, limit = 50) =>
    adminRequest({ method: 'GET', path: withQuery('/merchant/audit', { ...filter, limit, cursor }), schema: pageOf(AuditEntrySchema) }),
};
