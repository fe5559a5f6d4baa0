import { pino, type DestinationStream, type Level, type Logger } from 'pino';

export type LogLevel = Level | 'silent';

/**
 * Codes and tokens are masked where they are logged; redaction is the safety net for a field
 * that slips through under one of these names.
 */
const REDACT = [
  'token',
  'code',
  'pairingCode',
  'authorization',
  '*.token',
  'body.code',
  'input.code',
  '*.pairingCode',
  '*.authorization',
  'req.headers.authorization',
];

export function createLogger(level: LogLevel = 'info', destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'hexiao-server' },
    redact: { paths: REDACT, censor: (value: unknown) => maskValue(value) },
  };
  return destination ? pino(options, destination) : pino(options);
}

function maskValue(value: unknown): string {
  if (typeof value !== 'string') return '[redacted]';
  // Already-masked codes keep their visible tail; anything else keeps at most four characters.
  if (value.includes('*')) return value;
  return value.length <= 4 ? '****' : `****${value.slice(-4)}`;
}
