import { ElMessage } from 'element-plus';
import { useI18n } from 'vue-i18n';
import type { ApiFailure } from '../../shared/api/api-error';
import { errorKey } from '../i18n';

/** An API failure in the reader's language, from its stable code (never the server's English message). */
export function useApiError() {
  const { t } = useI18n();
  const describe = (failure: Pick<ApiFailure, 'code'>): string => t(errorKey(failure.code));
  const toast = (failure: Pick<ApiFailure, 'code'>): void => {
    ElMessage({ type: 'error', message: describe(failure), grouping: true });
  };
  /** The refused fields of a VALIDATION_FAILED, by name, for the form's items. */
  const fieldErrors = (failure: ApiFailure): Record<string, string> =>
    Object.fromEntries((failure.fields ?? []).map((f) => [f.field, t('common.fieldInvalid', { detail: f.message })]));
  return { describe, toast, fieldErrors };
}
