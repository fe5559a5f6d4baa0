import { parseKeyEncryptionKey } from '../../keys/key-encryption-key';
import { parseNotificationConfig } from '../../notifications/notification-config';
import type { SalesOptions } from './sales-runtime';

export type SalesConfigResult = { ok: true; options: SalesOptions } | { ok: false; errors: string[] };

type Env = Record<string, string | undefined>;

function set(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function json(env: Env, name: string, errors: string[]): unknown {
  const value = set(env, name);
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    errors.push(`${name}: must be JSON`);
    return undefined;
  }
}

/** The provider's settings from SMS_PROVIDER and its variables (documented in the README). */
function notificationFrom(env: Env, errors: string[]): unknown {
  const provider = set(env, 'SMS_PROVIDER') ?? 'console';
  const common = { locale: set(env, 'NOTIFY_LOCALE') };
  switch (provider) {
    case 'console':
      return { provider, ...common, signName: set(env, 'SMS_SIGN_NAME') };
    case 'webhook':
      return {
        provider,
        ...common,
        url: set(env, 'SMS_WEBHOOK_URL'),
        secret: set(env, 'SMS_WEBHOOK_SECRET'),
        channels: set(env, 'SMS_WEBHOOK_CHANNELS')?.split(',').map((c) => c.trim()),
        signName: set(env, 'SMS_SIGN_NAME'),
      };
    case 'aliyun':
      return {
        provider,
        accessKeyId: set(env, 'ALIYUN_SMS_ACCESS_KEY_ID'),
        accessKeySecret: set(env, 'ALIYUN_SMS_ACCESS_KEY_SECRET'),
        signName: set(env, 'SMS_SIGN_NAME'),
        templates: json(env, 'ALIYUN_SMS_TEMPLATES', errors) ?? {},
        baseUrl: set(env, 'ALIYUN_SMS_BASE_URL'),
      };
    case 'tencent':
      return {
        provider,
        secretId: set(env, 'TENCENT_SMS_SECRET_ID'),
        secretKey: set(env, 'TENCENT_SMS_SECRET_KEY'),
        smsSdkAppId: set(env, 'TENCENT_SMS_SDK_APP_ID'),
        signName: set(env, 'SMS_SIGN_NAME'),
        region: set(env, 'TENCENT_SMS_REGION'),
        templates: json(env, 'TENCENT_SMS_TEMPLATES', errors) ?? {},
        baseUrl: set(env, 'TENCENT_SMS_BASE_URL'),
      };
    default:
      errors.push(`SMS_PROVIDER: must be console, aliyun, tencent or webhook (got ${JSON.stringify(provider)})`);
      return undefined;
  }
}

/** `douyin:secret1,meituan:secret2` (a channel may appear more than once while rotating). */
export function parseChannelSecrets(text: string | undefined): Map<string, string[]> | null {
  // A Map: channel names come from outside, and `constructor` must not find Object's.
  const secrets = new Map<string, string[]>();
  for (const entry of (text ?? '').split(',').map((e) => e.trim()).filter(Boolean)) {
    const colon = entry.indexOf(':');
    const channel = entry.slice(0, colon);
    const secret = entry.slice(colon + 1);
    if (colon < 0 || !/^[a-z][a-z0-9_-]{1,31}$/.test(channel) || secret.length < 16) return null;
    secrets.set(channel, [...(secrets.get(channel) ?? []), secret]);
  }
  return secrets;
}

/** Reads selling's configuration from the environment; undefined values keep their defaults. */
export function loadSalesConfig(env: Env): SalesConfigResult {
  const errors: string[] = [];
  const options: SalesOptions = {};
  const notification = notificationFrom(env, errors);
  if (notification !== undefined) {
    const withoutUnset = Object.fromEntries(Object.entries(notification as object).filter(([, v]) => v !== undefined));
    const parsed = parseNotificationConfig(withoutUnset);
    if (parsed.ok) options.notification = parsed.value;
    else errors.push(`SMS_PROVIDER=${String((notification as { provider: string }).provider)}: ${parsed.message}`);
  }
  const prefer = set(env, 'NOTIFY_PREFER');
  if (prefer !== undefined && prefer !== 'sms' && prefer !== 'dm') errors.push('NOTIFY_PREFER: must be sms or dm');
  options.preferDm = prefer === 'dm';
  const channelSecrets = parseChannelSecrets(set(env, 'CHANNEL_SECRETS'));
  if (!channelSecrets) errors.push('CHANNEL_SECRETS: expected channel:secret pairs separated by commas, secrets of 16+ characters');
  else options.channelSecrets = channelSecrets;
  const kekText = set(env, 'HEXIAO_KEY_ENCRYPTION_KEY');
  if (kekText !== undefined) {
    const kek = parseKeyEncryptionKey(kekText);
    if (!kek) errors.push('HEXIAO_KEY_ENCRYPTION_KEY: must be 32 bytes as base64url (43 characters) or hex (64)');
    else options.keyEncryptionKey = kek;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, options };
}
