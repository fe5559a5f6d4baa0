import type { ApiResponse } from '../../support/server/api-client';

/** What a client saw: the final answer, and how many tries it took (a dead node, a cut connection). */
export interface Retried<T> {
  res: ApiResponse<T>;
  tries: number;
}

const GATEWAY = new Set([502, 503, 504]);

/**
 * Sends the same request (same ids) until an answer comes from a node: a refused or cut
 * connection, or nginx's 502/504 while a node dies, is tried again, as a terminal does.
 */
export async function retrying<T>(send: () => Promise<ApiResponse<T>>, maxTries = 200): Promise<Retried<T>> {
  let last: unknown;
  for (let tries = 1; tries <= maxTries; tries++) {
    try {
      const res = await send();
      if (!GATEWAY.has(res.status)) return { res, tries };
      last = res.body;
    } catch (error) {
      last = error;
    }
    await new Promise((done) => setTimeout(done, 25 * Math.min(tries, 8)));
  }
  throw new Error(`no answer after ${maxTries} tries: ${String(last)}`);
}
