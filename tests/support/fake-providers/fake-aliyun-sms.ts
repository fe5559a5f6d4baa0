import { createHash, randomUUID } from 'node:crypto';
import { expectedAcs3Signature, parseAcs3Authorization } from './aliyun-acs3-spec';
import { header, startFakeHttpServer, type FakeReply, type FakeHttpServer } from './fake-http-server';
import { ScenarioQueue } from './scenario';

/** A local dysmsapi that checks `SendSms` the way Alibaba Cloud documents it, then answers as told. */

export interface AliyunReceived {
  readonly params: Record<string, string>;
  readonly headers: Record<string, string>;
  /** Every way the request broke the API rules; empty for a correct request. */
  readonly problems: string[];
}

export interface FakeAliyunSms {
  readonly baseUrl: string;
  readonly received: AliyunReceived[];
  readonly scenarios: ScenarioQueue;
  readonly server: FakeHttpServer;
  close(): Promise<void>;
}

const REQUIRED_SIGNED = ['host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-version'];

function aliyunError(status: number, code: string, message: string): FakeReply {
  return { status, json: { RequestId: randomUUID().toUpperCase(), Code: code, Message: message } };
}

export async function startFakeAliyunSms(credentials: { accessKeyId: string; accessKeySecret: string }): Promise<FakeAliyunSms> {
  const received: AliyunReceived[] = [];
  const scenarios = new ScenarioQueue();
  const nonces = new Set<string>();

  const server = await startFakeHttpServer((request) => {
    const problems: string[] = [];
    const headers: Record<string, string> = {};
    for (const name of Object.keys(request.headers)) headers[name] = header(request.headers, name) ?? '';
    const [path = '', rawQuery = ''] = request.url.split('?', 2) as [string, string?];
    const params = Object.fromEntries(new URLSearchParams(rawQuery.replace(/\+/g, '%2B')));
    received.push({ params, headers, problems });

    if (request.method !== 'POST' || path !== '/') problems.push(`expected POST /, got ${request.method} ${path}`);
    if (headers['x-acs-action'] !== 'SendSms') problems.push('x-acs-action is not SendSms');
    if (headers['x-acs-version'] !== '2017-05-25') problems.push('x-acs-version is not 2017-05-25');
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(headers['x-acs-date'] ?? '')) problems.push('x-acs-date is not yyyy-MM-ddTHH:mm:ssZ');
    const bodyHash = createHash('sha256').update(request.body).digest('hex');
    if (headers['x-acs-content-sha256'] !== bodyHash) problems.push('x-acs-content-sha256 does not hash the body');

    const auth = parseAcs3Authorization(headers['authorization'] ?? '');
    if (!auth) {
      problems.push('Authorization is not ACS3-HMAC-SHA256');
      return aliyunError(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards.');
    }
    if (auth.credential !== credentials.accessKeyId) {
      problems.push('unknown AccessKeyId');
      return aliyunError(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
    }
    const mustSign = [...REQUIRED_SIGNED, ...Object.keys(headers).filter((n) => n.startsWith('x-acs-')), ...(headers['content-type'] ? ['content-type'] : [])];
    const missing = [...new Set(mustSign)].filter((name) => !auth.signedHeaders.includes(name));
    const sorted = [...auth.signedHeaders].sort().join(';') === auth.signedHeaders.join(';');
    if (missing.length > 0 || !sorted) {
      problems.push(`SignedHeaders must be sorted and include ${missing.join(', ') || 'every signed header'}`);
      return aliyunError(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards.');
    }
    const nonce = headers['x-acs-signature-nonce'] ?? '';
    if (nonces.has(nonce)) {
      problems.push('signature nonce reused');
      return aliyunError(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
    }
    nonces.add(nonce);
    const expected = expectedAcs3Signature(
      { method: request.method, path, rawQuery, headers, body: request.body, secret: credentials.accessKeySecret },
      auth.signedHeaders,
    );
    if (expected.signature !== auth.signature) {
      problems.push('signature does not match');
      return aliyunError(400, 'SignatureDoesNotMatch', `Specified signature does not match our calculation. server string to sign is:${expected.hashedCanonicalRequest}`);
    }
    for (const name of ['PhoneNumbers', 'SignName', 'TemplateCode']) {
      if (!params[name]) {
        problems.push(`missing ${name}`);
        return aliyunError(400, `Missing${name}`, `${name} is mandatory for this action.`);
      }
    }
    try {
      const templateParam = JSON.parse(params['TemplateParam'] ?? '{}') as unknown;
      if (typeof templateParam !== 'object' || templateParam === null || Array.isArray(templateParam)) throw new Error();
    } catch {
      problems.push('TemplateParam is not a JSON object');
      return aliyunError(200, 'isv.INVALID_JSON_PARAM', 'JSON参数不合法，只接受字符串值');
    }

    const scenario = scenarios.next();
    switch (scenario.kind) {
      case 'ok':
        return { status: 200, json: { RequestId: randomUUID().toUpperCase(), Message: 'OK', BizId: `${Date.now()}${received.length}^0`, Code: 'OK' } };
      case 'error':
        return aliyunError(scenario.status ?? 200, scenario.code, scenario.message ?? scenario.code);
      case 'http':
        return { status: scenario.status, text: scenario.text };
      case 'hang':
        return 'hang';
    }
  });

  return { baseUrl: server.baseUrl, received, scenarios, server, close: () => server.close() };
}
