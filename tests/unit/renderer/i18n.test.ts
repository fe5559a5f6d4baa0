import { describe, expect, it } from 'vitest';
import { ERROR_STATUS } from '../../../core/errors';
import { CLIENT_ERROR_CODES } from '../../../renderer/shared/api/api-error';
import { createPosI18n, errorKey, messages } from '../../../renderer/i18n';
import { en } from '../../../renderer/i18n/en';
import { LOCALES } from '../../../renderer/shared/i18n/locales';
import { zhCN } from '../../../renderer/i18n/zh-CN';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`),
  );
}

const zhLeaves = new Map(leaves(zhCN as unknown as Tree));
const enLeaves = new Map(leaves(en as unknown as Tree));
/** Strings that read the same in both languages. */
const SAME_IN_BOTH = new Set(['pairing.serverUrlPlaceholder', 'history.count']);

describe('POS translations', () => {
  it('translate every error code of core/errors.ts and of the client, in both languages', () => {
    for (const code of [...Object.keys(ERROR_STATUS), ...CLIENT_ERROR_CODES]) {
      expect(zhLeaves.get(`errors.${code}`), `zh-CN errors.${code}`).toMatch(/\S/);
      expect(enLeaves.get(`errors.${code}`), `en errors.${code}`).toMatch(/\S/);
    }
  });

  it('have the same keys in every language', () => {
    expect([...enLeaves.keys()].sort()).toEqual([...zhLeaves.keys()].sort());
    expect(Object.keys(messages).sort()).toEqual([...LOCALES].sort());
  });

  it('are really Chinese in zh-CN and really English in en', () => {
    for (const [key, zh] of zhLeaves) {
      if (SAME_IN_BOTH.has(key)) continue;
      expect(zh, key).not.toBe(enLeaves.get(key));
      expect(enLeaves.get(key), key).not.toMatch(/[\u4e00-\u9fff]/);
    }
    expect(zhLeaves.get('redeem.successTitle')).toBe('核销成功');
  });

  it('render every message with its parameters filled in', () => {
    const i18n = createPosI18n('zh-CN');
    const params = { remaining: 1, uses: 2, count: 3, max: 4, from: 'A', until: 'B', zone: 'Asia/Shanghai', reason: 'R' };
    for (const locale of LOCALES) {
      i18n.global.locale.value = locale;
      for (const key of zhLeaves.keys()) {
        const text = i18n.global.t(key, params);
        expect(text, `${locale} ${key}`).not.toMatch(/[{}]/);
        expect(text, `${locale} ${key}`).not.toBe(key);
      }
    }
    i18n.global.locale.value = 'en';
    expect(i18n.global.t('redeem.remainingOf', { remaining: 0, uses: 2 })).toBe('0 of 2');
    i18n.global.locale.value = 'zh-CN';
    expect(i18n.global.t('redeem.remainingOf', { remaining: 0, uses: 2 })).toBe('0 / 共 2 次');
  });

  it('map an unknown code to "unknown error"', () => {
    expect(errorKey('VOUCHER_EXHAUSTED')).toBe('errors.VOUCHER_EXHAUSTED');
    expect(errorKey('SOMETHING_NEW')).toBe('errors.UNKNOWN');
    expect(errorKey('toString')).toBe('errors.UNKNOWN');
  });
});
