/** Where the server mounts the back office (server/http/admin-app.ts; renderer/admin/vite.config.ts). */
export const ADMIN_BASE = '/admin/';
