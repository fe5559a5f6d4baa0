import { sendFailure, type DeliveryErrorCode, type SendFailure } from './provider';
import { maskCodesIn } from './redact';

/** Tencent SMS error codes → what the outbox should do; families decide the rest. */
const BY_CODE: Record<string, DeliveryErrorCode> = {
  'InvalidParameterValue.IncorrectPhoneNumber': 'RECIPIENT_INVALID',
  'FailedOperation.PhoneNumberInBlacklist': 'RECIPIENT_INVALID',
  'FailedOperation.PhoneNumberOnBlacklist': 'RECIPIENT_INVALID',
  'UnsupportedOperation.UnsupportedRegion': 'RECIPIENT_INVALID',
  'UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber': 'RECIPIENT_INVALID',
  'FailedOperation.TemplateIncorrectOrUnapproved': 'TEMPLATE_REJECTED',
  'FailedOperation.SignatureIncorrectOrUnapproved': 'TEMPLATE_REJECTED',
  'FailedOperation.ContainSensitiveWord': 'TEMPLATE_REJECTED',
  'FailedOperation.MissingTemplateToModify': 'TEMPLATE_REJECTED',
  'InvalidParameterValue.TemplateParameterFormatError': 'TEMPLATE_REJECTED',
  'InvalidParameterValue.TemplateParameterLengthLimit': 'TEMPLATE_REJECTED',
  'InvalidParameterValue.ProhibitedUseUrlInTemplateParameter': 'TEMPLATE_REJECTED',
  'FailedOperation.InsufficientBalanceInSmsPackage': 'PROVIDER_REJECTED',
  RequestLimitExceeded: 'THROTTLED',
};

export function tencentFailure(providerCode: string, providerMessage: string): SendFailure {
  const code: DeliveryErrorCode =
    (Object.hasOwn(BY_CODE, providerCode) ? BY_CODE[providerCode] : undefined) ??
    (providerCode.startsWith('LimitExceeded') || providerCode.startsWith('RequestLimitExceeded')
      ? 'THROTTLED'
      : providerCode.startsWith('AuthFailure')
        ? 'AUTH_FAILED'
        : providerCode.startsWith('InternalError') || providerCode === 'ResourceUnavailable'
          ? 'PROVIDER_UNAVAILABLE'
          : 'PROVIDER_REJECTED');
  return sendFailure(code, `Tencent SMS: ${providerCode} ${maskCodesIn(providerMessage)}`.trim(), providerCode);
}
