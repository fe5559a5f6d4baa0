import { sendFailure, type DeliveryErrorCode, type SendFailure } from './provider';
import { maskCodesIn } from './redact';

/** Aliyun dysmsapi `Code` values → what the outbox should do about them. */
const BY_CODE: Record<string, DeliveryErrorCode> = {
  'isv.MOBILE_NUMBER_ILLEGAL': 'RECIPIENT_INVALID',
  'isv.MOBILE_COUNT_OVER_LIMIT': 'RECIPIENT_INVALID',
  'isv.BUSINESS_LIMIT_CONTROL': 'THROTTLED',
  'isv.DAY_LIMIT_CONTROL': 'THROTTLED',
  'isv.SMS_TEMPLATE_ILLEGAL': 'TEMPLATE_REJECTED',
  'isv.SMS_SIGNATURE_ILLEGAL': 'TEMPLATE_REJECTED',
  'isv.SMS_SIGN_ILLEGAL': 'TEMPLATE_REJECTED',
  'isv.TEMPLATE_MISSING_PARAMETERS': 'TEMPLATE_REJECTED',
  'isv.TEMPLATE_PARAMS_ILLEGAL': 'TEMPLATE_REJECTED',
  'isv.INVALID_JSON_PARAM': 'TEMPLATE_REJECTED',
  'isv.PARAM_LENGTH_LIMIT': 'TEMPLATE_REJECTED',
  'isv.BLACK_KEY_CONTROL_LIMIT': 'TEMPLATE_REJECTED',
  'isv.AMOUNT_NOT_ENOUGH': 'PROVIDER_REJECTED',
  'isv.OUT_OF_SERVICE': 'PROVIDER_REJECTED',
  'isp.RAM_PERMISSION_DENY': 'AUTH_FAILED',
  'isp.SYSTEM_ERROR': 'PROVIDER_UNAVAILABLE',
  SignatureDoesNotMatch: 'AUTH_FAILED',
  IncompleteSignature: 'AUTH_FAILED',
  'InvalidAccessKeyId.NotFound': 'AUTH_FAILED',
  'InvalidAccessKeyId.Inactive': 'AUTH_FAILED',
  'SignatureNonceUsed': 'AUTH_FAILED',
  InvalidTimeStamp: 'AUTH_FAILED',
  ServiceUnavailable: 'PROVIDER_UNAVAILABLE',
  InternalError: 'PROVIDER_UNAVAILABLE',
};

export function aliyunFailure(providerCode: string, providerMessage: string, httpStatus: number): SendFailure {
  const code: DeliveryErrorCode =
    (Object.hasOwn(BY_CODE, providerCode) ? BY_CODE[providerCode] : undefined) ??
    (providerCode.startsWith('Throttling') ? 'THROTTLED' : httpStatus === 429 ? 'THROTTLED' : 'PROVIDER_REJECTED');
  return sendFailure(code, `Aliyun SMS: ${providerCode} ${maskCodesIn(providerMessage)}`.trim(), providerCode);
}
