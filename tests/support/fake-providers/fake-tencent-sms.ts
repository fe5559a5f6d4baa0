import { randomUUID } from 'node:crypto';
import { header, startFakeHttpServer, type FakeHttpServer, type FakeReply } from './fake-http-server';
import { ScenarioQueue } from './scenario';
import { expectedTc3Signature, parseTc3Authorization } from './tencent-tc3-spec';

/** A local sms.tencentcloudapi.com that checks `SendSms` (2021-01-11) as documented, then answers as told. */

export interface TencentReceived {
  readonly body: Record<string, unknown>;
  readonly headers: Record<string, string>;
  readonly problems: string[];
}

export interface FakeTencentSms {
  readonly baseUrl: string;
  readonly received: TencentReceived[];
  readonly scenarios: ScenarioQueue;
  readonly server: FakeHttpServer;
  close(): Promise<void>;
}

function requestError(code: string, message: string): FakeReply {
  // API 3.0 answers errors with HTTP 200 and Response.Error.
  return { status: 200, json: { Response: { Error: { Code: code, Message: message }, RequestId: randomUUID() } } };
}

function sendStatus(phone: string, code: string, message: string, serialNo: string, sessionContext: unknown): FakeReply {
  return {
    status: 200,
    json: {
      Response: {
        SendStatusSet: [{ SerialNo: serialNo, PhoneNumber: phone, Fee: code === 'Ok' ? 1 : 0, SessionContext: sessionContext ?? '', Code: code, Message: message, IsoCode: 'CN' }],
        RequestId: randomUUID(),
      },
    },
  };
}

export async function startFakeTencentSms(credentials: { secretId: string; secretKey: string; smsSdkAppId: string }): Promise<FakeTencentSms> {
  const received: TencentReceived[] = [];
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

    if (request.method !== 'POST' || request.url !== '/') problems.push(`expected POST /, got ${request.method} ${request.url}`);
    if (headers['x-tc-action'] !== 'SendSms') problems.push('X-TC-Action is not SendSms');
    if (headers['x-tc-version'] !== '2021-01-11') problems.push('X-TC-Version is not 2021-01-11');
    if (!headers['x-tc-region']) problems.push('X-TC-Region missing');
    if (headers['content-type'] !== 'application/json; charset=utf-8') problems.push(`content-type ${headers['content-type']}`);
    const timestamp = Number(headers['x-tc-timestamp']);
    if (!Number.isInteger(timestamp)) problems.push('X-TC-Timestamp missing');

    const auth = parseTc3Authorization(headers['authorization'] ?? '');
    if (!auth) {
      problems.push('Authorization is not TC3-HMAC-SHA256');
      return requestError('AuthFailure.SignatureFailure', 'The provided credentials could not be validated.');
    }
    if (auth.secretId !== credentials.secretId) {
      problems.push('unknown SecretId');
      return requestError('AuthFailure.SecretIdNotFound', 'The SecretId is not found.');
    }
    if (auth.service !== 'sms') problems.push(`credential scope service is ${auth.service}`);
    if (auth.date !== new Date(timestamp * 1000).toISOString().slice(0, 10)) problems.push('credential date is not the UTC date of the timestamp');
    for (const name of ['content-type', 'host']) if (!auth.signedHeaders.includes(name)) problems.push(`${name} not signed`);
    const expected = expectedTc3Signature({ secretKey: credentials.secretKey, service: 'sms', timestamp, headers, body: request.body }, auth.signedHeaders);
    if (expected.signature !== auth.signature) {
      problems.push('signature does not match');
      return requestError('AuthFailure.SignatureFailure', 'The provided credentials could not be validated. Please check your signature is correct.');
    }
    if (body['SmsSdkAppId'] !== credentials.smsSdkAppId) {
      problems.push('wrong SmsSdkAppId');
      return requestError('FailedOperation.SmsSdkAppIdVerifyFail', 'SmsSdkAppId verification failed.');
    }
    const phones = body['PhoneNumberSet'];
    const params = body['TemplateParamSet'];
    if (!Array.isArray(phones) || phones.length !== 1 || typeof phones[0] !== 'string') problems.push('PhoneNumberSet must hold one number');
    if (!Array.isArray(params) || !params.every((p) => typeof p === 'string')) problems.push('TemplateParamSet must be strings');
    if (typeof body['TemplateId'] !== 'string' || typeof body['SignName'] !== 'string') problems.push('TemplateId/SignName missing');
    if (problems.length > 0) return requestError('InvalidParameter', problems.join('; '));
    const phone = String((phones as string[])[0]);

    const scenario = scenarios.next();
    switch (scenario.kind) {
      case 'ok':
        return sendStatus(phone, 'Ok', 'send success', `2433:${Date.now()}${received.length}`, body['SessionContext']);
      case 'error':
        // Request-level families come back as Response.Error, per-number ones in SendStatusSet.
        return /^(AuthFailure|RequestLimitExceeded|InternalError|InvalidParameter\b)/.test(scenario.code)
          ? requestError(scenario.code, scenario.message ?? scenario.code)
          : sendStatus(phone, scenario.code, scenario.message ?? scenario.code, '', body['SessionContext']);
      case 'http':
        return { status: scenario.status, text: scenario.text };
      case 'hang':
        return 'hang';
    }
  });

  return { baseUrl: server.baseUrl, received, scenarios, server, close: () => server.close() };
}
