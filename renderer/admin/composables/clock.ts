import { onBeforeUnmount, ref, type Ref } from 'vue';

/** The current time, ticking every `everyMs` while the component lives. */
export function useNow(everyMs = 1000): Ref<number> {
  const now = ref(Date.now());
  const timer = window.setInterval(() => (now.value = Date.now()), everyMs);
  onBeforeUnmount(() => window.clearInterval(timer));
  return now;
}

/** `mm:ss` left until `deadline` (0 once past). */
export function formatRemaining(msLeft: number): string {
  const seconds = Math.max(0, Math.ceil(msLeft / 1000));
  return `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}
