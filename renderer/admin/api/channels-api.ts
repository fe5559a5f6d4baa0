import { z } from 'zod';
import { adminRequest } from './client';

// Per-merchant channel webhook secrets (h/admin-live, docs/admin-api/admin-live.md).
const ChannelSchema = z.object({
  channel: z.string(),
  secrets: z.array(z.object({ id: z.string(), status: z.string(), createdAt: z.string(), notAfter: z.string().nullable() })),
});
export type Channel = z.infer<typeof ChannelSchema>;
const NewSecretSchema = z.object({ channel: z.string(), id: z.string(), secret: z.string() });
export type NewSecret = z.infer<typeof NewSecretSchema>;

export const channelsApi = {
  list: () => adminRequest({ method: 'GET', path: '/merchant/channels', schema: z.object({ items: z.array(ChannelSchema) }) }),
  create: (channel: string) => adminRequest({ method: 'POST', path: '/merchant/channels', body: { channel }, schema: NewSecretSchema }),
  rotate: (channel: string) =>
    adminRequest({ method: 'POST', path: `/merchant/channels/${encodeURIComponent(channel)}/rotate`, body: {}, schema: NewSecretSchema }),
};
