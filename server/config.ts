import { z } from 'zod';
import { isSchemaName } from './db/open-postgres';
import { parseTrustedProxies, type TrustedProxies } from './http/client-address';

const flag = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => ['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'].includes(v), {
    message: 'must be one of 1, 0, true, false, yes, no, on, off',
  })
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const EnvSchema = z.object({
  PORT: z.coerce
    .number({ message: 'must be a port number' })
    .int('must be a whole number')
    .min(0, 'must be 0–65535')
    .max(65535, 'must be 0–65535')
    .default(8787),
  HOST: z.string().trim().min(1, 'must not be empty').default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_SCHEMA: z.string().refine(isSchemaName, 'must be a lower-case SQL identifier').optional(),
  HEXIAO_DATA_DIR: z.string().trim().min(1, 'must not be empty').default('./data'),
  HEXIAO_ADMIN_DIR: z.string().trim().min(1, 'must not be empty').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CORS_ORIGIN: z.string().trim().min(1, 'must not be empty').default('*'),
  HEXIAO_DEMO: flag.default(true),
  SQLITE_SYNCHRONOUS: z.enum(['FULL', 'NORMAL']).default('FULL'),
  HEXIAO_METRICS_TOKEN: z.string().trim().min(16, 'must be at least 16 characters').optional(),
  HEXIAO_SHUTDOWN_GRACE_MS: z.coerce
    .number({ message: 'must be a number of milliseconds' })
    .int('must be a whole number')
    .min(0, 'must be 0–600000')
    .max(600_000, 'must be 0–600000')
    .default(10_000),
  HEXIAO_TRUSTED_PROXIES: z
    .string()
    .transform((text, ctx) => {
      const trusted = parseTrustedProxies(text);
      if (typeof trusted === 'string') ctx.addIssue({ code: 'custom', message: trusted });
      return trusted;
    })
    .optional(),
});

export interface ServerConfig {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  pgSchema: string | undefined;
  dataDir: string;
  /** The built back office served at /admin; unset: out/admin. */
  adminDir: string | undefined;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  corsOrigin: string;
  demo: boolean;
  sqliteSynchronous: 'FULL' | 'NORMAL';
  /** Bearer token for /metrics; unset: only this host may scrape. */
  metricsToken: string | undefined;
  /** On SIGTERM, requests in flight get this long; the process exits anyway a little after. */
  shutdownGraceMs: number;
  /** HEXIAO_TRUSTED_PROXIES: whose X-Forwarded-For names the client. */
  trustedProxies: TrustedProxies | undefined;
}

export type ConfigResult = { ok: true; config: ServerConfig } | { ok: false; errors: string[] };

/** Reads the server's configuration from the environment; empty variables count as unset. */
export function loadConfig(env: Record<string, string | undefined>): ConfigResult {
  const present = Object.fromEntries(
    Object.keys(EnvSchema.shape)
      .map((key) => [key, env[key]] as const)
      .filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? 'environment');
        // A database URL may carry a password, and a token is a secret: name them, never echo them.
        const got = name === 'DATABASE_URL' || name === 'HEXIAO_METRICS_TOKEN' ? '' : ` (got ${JSON.stringify(env[name] ?? '')})`;
        return `${name}: ${issue.message}${got}`;
      }),
    };
  }
  const e = parsed.data;
  return {
    ok: true,
    config: {
      port: e.PORT,
      host: e.HOST,
      databaseUrl: e.DATABASE_URL,
      pgSchema: e.DATABASE_SCHEMA,
      dataDir: e.HEXIAO_DATA_DIR,
      adminDir: e.HEXIAO_ADMIN_DIR,
      logLevel: e.LOG_LEVEL,
      corsOrigin: e.CORS_ORIGIN,
      demo: e.HEXIAO_DEMO,
      sqliteSynchronous: e.SQLITE_SYNCHRONOUS,
      metricsToken: e.HEXIAO_METRICS_TOKEN,
      shutdownGraceMs: e.HEXIAO_SHUTDOWN_GRACE_MS,
      trustedProxies: typeof e.HEXIAO_TRUSTED_PROXIES === 'function' ? e.HEXIAO_TRUSTED_PROXIES : undefined,
    },
  };
}
