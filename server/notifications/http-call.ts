import { sendFailure, type FetchLike, type SendFailure } from './provider';

export type HttpOutcome =
  | { readonly kind: 'response'; readonly status: number; readonly body: string }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'network'; readonly message: string };

/**
 * One POST whose whole exchange, body included, is bounded by `timeoutMs`: a provider that
 * accepts the connection and then stalls is a timeout, not a hung outbox worker.
 */
export async function postWithTimeout(
  fetchImpl: FetchLike,
  url: string,
  init: { headers: Record<string, string>; body: string },
  timeoutMs: number,
): Promise<HttpOutcome> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    // An empty string body would make fetch add `content-type: text/plain`, an unsigned header.
    const requestBody = init.body === '' ? undefined : init.body;
    const response = await fetchImpl(url, { method: 'POST', headers: init.headers, body: requestBody, signal: controller.signal });
    const body = await response.text();
    return { kind: 'response', status: response.status, body };
  } catch (error) {
    if (controller.signal.aborted) return { kind: 'timeout' };
    return { kind: 'network', message: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** The failures every adapter shares: no answer, or an answer that is not the provider's API. */
export function transportFailure(provider: string, outcome: HttpOutcome, timeoutMs: number): SendFailure | null {
  if (outcome.kind === 'timeout') return sendFailure('TIMEOUT', `${provider} did not answer within ${timeoutMs} ms`);
  if (outcome.kind === 'network') return sendFailure('NETWORK_ERROR', `${provider} unreachable: ${outcome.message}`);
  if (outcome.status >= 500) {
    return sendFailure('PROVIDER_UNAVAILABLE', `${provider} answered HTTP ${outcome.status}`, `HTTP ${outcome.status}`);
  }
  return null;
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function headerValue(headers: Readonly<Record<string, string | string[] | undefined>>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}
