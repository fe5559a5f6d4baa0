import type { z } from 'zod';
import { fail, ok } from '../../../core/result';
import { failureFromBody, type ApiResult } from './api-error';

export const DEFAULT_TIMEOUT_MS = 3000;

export interface HttpClientOptions {
  /** Server root, e.g. `http://127.0.0.1:8787`; `/api/v1` is added here. */
  baseUrl: string;
  token?: string | null;
  timeoutMs?: number;
}

export interface JsonRequest<T> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
  schema: z.ZodType<T>;
}

export type HttpClient = <T>(request: JsonRequest<T>) => Promise<ApiResult<T>>;

export function apiUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/api/v1${path}`;
}

/** JSON over fetch with a hard timeout; every outcome, including a dead network, is a value. */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return async function request<T>({ method, path, body, schema }: JsonRequest<T>) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    try {
      const response = await fetch(apiUrl(options.baseUrl, path), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
      });
      const payload: unknown = await response.json().catch(() => null);
      if (!response.ok) return failureFromBody(response.status, payload);
      const parsed = schema.safeParse(payload);
      return parsed.success ? ok(parsed.data) : fail('BAD_RESPONSE', `unexpected answer from ${path}`);
    } catch (error) {
      if (controller.signal.aborted) return fail('NETWORK_TIMEOUT', `no answer within ${timeoutMs} ms`);
      return fail('NETWORK_UNREACHABLE', error instanceof Error ? error.message : String(error));
    } finally {
      clearTimeout(timer);
    }
  };
}
