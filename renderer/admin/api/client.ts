import { z } from 'zod';
import { fail, ok } from '../../../core/result';
import { failureFromBody, type ApiResult } from '../../shared/api/api-error';
import { apiUrl, createHttpClient, type JsonRequest } from '../../shared/api/http-client';

/** Back-office calls can read long lists and statements: more patience than the counter's 3 s. */
export const ADMIN_TIMEOUT_MS = 15_000;

let token: string | null = null;
let onUnauthorized: () => void = () => undefined;

/** The session store sets the bearer token and what to do when the server no longer accepts it. */
export function setAdminToken(next: string | null, unauthorized?: () => void): void {
  token = next;
  if (unauthorized) onUnauthorized = unauthorized;
}

/** The server that served this page (same origin): JSON, bearer token, stable error codes. */
export async function adminRequest<T>(request: JsonRequest<T>): Promise<ApiResult<T>> {
  const client = createHttpClient({ baseUrl: window.location.origin, token, timeoutMs: ADMIN_TIMEOUT_MS });
  const result = await client(request);
  if (!result.ok && result.code === 'UNAUTHORIZED' && token !== null) onUnauthorized();
  return result;
}

/** A file the server streams (CSV), fetched with the session's token. */
export async function adminDownload(path: string): Promise<ApiResult<Blob>> {
  try {
    const response = await fetch(apiUrl(window.location.origin, path), {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    if (!response.ok) return failureFromBody(response.status, await response.json().catch(() => null));
    return ok(await response.blob());
  } catch (error) {
    return fail('NETWORK_UNREACHABLE', error instanceof Error ? error.message : String(error));
  }
}

/** `{ items, nextCursor }`: every back-office list pages by keyset (server/db/keyset-page.ts). */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export function withQuery(path: string, query: Record<string, string | number | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== null && value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
