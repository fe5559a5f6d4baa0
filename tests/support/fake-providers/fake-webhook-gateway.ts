import { createHmac, randomUUID } from 'node:crypto';
import { header, startFakeHttpServer, type FakeHttpServer } from './fake-http-server';
import { ScenarioQueue } from './scenario';

/** A merchant's own SMS gateway / DM bot: checks Hexiao's HMAC header, then answers as told. */

export interface WebhookReceived {
  readonly body: Record<string, unknown>;
  readonly headers: Record<string, string>;
  readonly problems: string[];
}

export interface FakeWebhookGateway {
  readonly url: string;
  readonly received: WebhookReceived[];
  readonly scenarios: ScenarioQueue;
  readonly server: FakeHttpServer;
  close(): Promise<void>;
}

/** The documented scheme, recomputed here: hex HMAC-SHA256 over `<timestamp>.<raw body>`, prefixed `v1=`. */
export function gatewaySignature(secret: string, timestamp: string, rawBody: string): string {
  return `v1=${createHmac('sha256', secret).update(timestamp).update('.').update(rawBody).digest('hex')}`;
}

export async function startFakeWebhookGateway(secret: string): Promise<FakeWebhookGateway> {
  const received: WebhookReceived[] = [];
  const scenarios = new ScenarioQueue();
  const server = await startFakeHttpServer((request) => {
    const problems: string[] = [];
    const headers: Record<string, string> = {};
    for (const name of Object.keys(request.headers)) headers[name] = header(request.headers, name) ?? '';
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(request.body) as Record<string, unknown>;
    } catch {
      problems.push('body is not JSON');
    }
    received.push({ body, headers, problems });
    const timestamp = headers['x-hexiao-timestamp'] ?? '';
    if (headers['x-hexiao-signature'] !== gatewaySignature(secret, timestamp, request.body)) {
      problems.push('signature does not match');
      return { status: 401, json: { error: { code: 'AUTH_FAILED', message: 'bad signature' } } };
    }
    if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) problems.push('timestamp too far from now');
    if (headers['idempotency-key'] !== body['idempotencyKey']) problems.push('Idempotency-Key header differs from the body');

    const scenario = scenarios.next();
    switch (scenario.kind) {
      case 'ok':
        return { status: 202, json: { messageId: `gw-${randomUUID()}` } };
      case 'error':
        return { status: scenario.status ?? 422, json: { error: { code: scenario.code, message: scenario.message ?? scenario.code } } };
      case 'http':
        return { status: scenario.status, text: scenario.text };
      case 'hang':
        return 'hang';
    }
  });
  return { url: `${server.baseUrl}/hooks/hexiao`, received, scenarios, server, close: () => server.close() };
}
