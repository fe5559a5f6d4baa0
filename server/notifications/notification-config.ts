import { z } from 'zod';
import { fail, ok, type Result } from '../../core/result';
import { AliyunSmsConfig, createAliyunSmsProvider } from './aliyun-sms';
import { ConsoleProviderConfig, createConsoleProvider, type ConsoleOutput } from './console-provider';
import type { NotificationProvider, ProviderDeps } from './provider';
import { createTencentSmsProvider, TencentSmsConfig } from './tencent-sms';
import { createWebhookProvider, WebhookProviderConfig } from './webhook-provider';

/** One provider's configuration, chosen by its `provider` field. */
export const NotificationConfig = z.discriminatedUnion('provider', [
  AliyunSmsConfig,
  TencentSmsConfig,
  WebhookProviderConfig,
  ConsoleProviderConfig,
]);
export type NotificationConfig = z.infer<typeof NotificationConfig>;
export type NotificationConfigInput = z.input<typeof NotificationConfig>;

export function parseNotificationConfig(raw: unknown): Result<NotificationConfig, 'VALIDATION_FAILED'> {
  const parsed = NotificationConfig.safeParse(raw);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  return fail('VALIDATION_FAILED', `notification config: ${issue ? `${issue.path.join('.')} ${issue.message}` : 'invalid'}`);
}

export function createNotificationProvider(
  config: NotificationConfig,
  deps: ProviderDeps & { out?: ConsoleOutput } = {},
): NotificationProvider {
  switch (config.provider) {
    case 'aliyun':
      return createAliyunSmsProvider(config, deps);
    case 'tencent':
      return createTencentSmsProvider(config, deps);
    case 'webhook':
      return createWebhookProvider(config, deps);
    case 'console':
      return createConsoleProvider(config, deps);
  }
}
