import { parseYuan } from '../../../../core/money';
import { fenToYuanText } from '../../../shared/format/money';

/** A settings field: money shown and typed in yuan (kept in fen), a whole number, or a switch. */
export interface SettingsField {
  /** Dotted path into the settings object (`points.earnFenPerPoint`). */
  path: string;
  /** i18n key of its label. */
  label: string;
  kind: 'yuan' | 'int' | 'bool';
  min?: number;
  max?: number;
}

export type SettingsForm = Record<string, string | number | boolean>;

const read = (object: unknown, path: string): unknown => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], object);

function write(object: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop() as string;
  let at = object;
  for (const key of keys) at = (at[key] ??= {}) as Record<string, unknown>;
  at[last] = value;
}

export function toForm(values: unknown, fields: readonly SettingsField[]): SettingsForm {
  return Object.fromEntries(
    fields.map((f) => {
      const value = read(values, f.path);
      return [f.path, f.kind === 'yuan' ? fenToYuanText(Number(value)) : f.kind === 'int' ? Number(value) : Boolean(value)];
    }),
  );
}

/** The settings object back from the form, or the fields (by path) that are not valid amounts. */
export function fromForm<T>(form: SettingsForm, fields: readonly SettingsField[]): { ok: true; value: T } | { ok: false; invalid: string[] } {
  const value: Record<string, unknown> = {};
  const invalid: string[] = [];
  for (const f of fields) {
    const raw = form[f.path];
    if (f.kind === 'yuan') {
      const fen = parseYuan(String(raw));
      if (!fen.ok || fen.value < 0) invalid.push(f.path);
      else write(value, f.path, fen.value);
    } else write(value, f.path, raw);
  }
  return invalid.length ? { ok: false, invalid } : { ok: true, value: value as T };
}
