import { ref, type Ref } from 'vue';
import type { ApiResult } from '../../shared/api/api-error';
import { useApiError } from './api-error';

type Page<T> = ApiResult<{ items: T[]; nextCursor: string | null }>;

/** A keyset-paged list on screen: the first page, then "load more" from `nextCursor` (never offsets). */
export function usePagedList<T>(read: (cursor: string | null) => Promise<Page<T>>) {
  const { toast } = useApiError();
  const items = ref([]) as Ref<T[]>;
  const nextCursor = ref<string | null>(null);
  const loading = ref(false);

  async function load(cursor: string | null): Promise<void> {
    loading.value = true;
    const page = await read(cursor);
    loading.value = false;
    if (!page.ok) return toast(page);
    items.value = cursor === null ? page.value.items : [...items.value, ...page.value.items];
    nextCursor.value = page.value.nextCursor;
  }

  return {
    items,
    nextCursor,
    loading,
    reload: () => load(null),
    more: () => (nextCursor.value === null ? Promise.resolve() : load(nextCursor.value)),
  };
}
