/**
 * Stable error codes shared by server, terminal and tests. A code never changes meaning once
 * shipped; the HTTP status is the server's mapping, the wording is the UI's (i18n).
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  CODE_MALFORMED: 400,
  CODE_CHECK_DIGIT: 400,
  COUNT_INVALID: 400,
  QR_MALFORMED: 400,
  QR_BAD_SIGNATURE: 400,
  QR_UNKNOWN_KEY: 400,
  UNAUTHORIZED: 401,
  PAIRING_CODE_INVALID: 401,
  FORBIDDEN: 403,
  VOUCHER_NOT_FOUND: 404,
  REDEMPTION_NOT_FOUND: 404,
  NOT_FOUND: 404,
  VOUCHER_EXHAUSTED: 409,
  VOUCHER_NOT_ACTIVE: 409,
  VOUCHER_NOT_YET_VALID: 409,
  VOUCHER_EXPIRED: 409,
  NOT_VALID_AT_STORE: 409,
  REDEMPTION_ID_REUSED: 409,
  NOT_VALID_TODAY: 409,
  NOT_VALID_THIS_HOUR: 409,
  BLACKOUT_DATE: 409,
  SALE_NOT_STARTED: 409,
  SALE_ENDED: 409,
  QR_EXPIRED: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(ERROR_STATUS, value);
}
