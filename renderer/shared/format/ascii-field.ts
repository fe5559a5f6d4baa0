import type { Directive } from 'vue';
import { toAsciiTyped } from '../../../core/typed-text';

const bound = new WeakMap<HTMLInputElement, () => void>();

/**
 * `v-ascii` on a code, phone, PIN or amount field: what a Chinese IME typed (０１２…) becomes ASCII
 * in the field itself, once the IME has finished composing, and `v-model` sees the ASCII value.
 */
export const vAscii: Directive<HTMLInputElement> = {
  mounted(el) {
    let composing = false;
    const normalise = () => {
      if (composing) return;
      const ascii = toAsciiTyped(el.value);
      if (ascii === el.value) return;
      el.value = ascii;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    };
    const start = () => (composing = true);
    const end = () => {
      composing = false;
      normalise();
    };
    el.addEventListener('compositionstart', start);
    el.addEventListener('compositionend', end);
    el.addEventListener('input', normalise);
    bound.set(el, () => {
      el.removeEventListener('compositionstart', start);
      el.removeEventListener('compositionend', end);
      el.removeEventListener('input', normalise);
    });
  },
  unmounted(el) {
    bound.get(el)?.();
    bound.delete(el);
  },
};
