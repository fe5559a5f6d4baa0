import type { ApiResult } from '../../shared/api/api-error';
import { useApiError } from './api-error';

/** Saves a file the server streamed (CSV) under `name`; an API refusal shows from its code. */
export function useDownload() {
  const { toast } = useApiError();
  return async (fetchFile: () => Promise<ApiResult<Blob>>, name: string): Promise<boolean> => {
    const file = await fetchFile();
    if (!file.ok) {
      toast(file);
      return false;
    }
    const url = URL.createObjectURL(file.value);
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return true;
  };
}
