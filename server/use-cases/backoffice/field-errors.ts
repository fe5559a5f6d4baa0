import type { z } from 'zod';
import { ok } from '../../../core/result';
import { NUL_MESSAGE, nulPath } from '../../security/nul-free';
import { failure, type AppFailure, type Outcome } from '../outcome';

export interface FieldError {
  field: string;
  message: string;
}

/** The answer to a request that fails validation: every bad field, by path, in `details.fields`. */
export function invalidFields(fields: FieldError[]): AppFailure {
  const message = fields
    .slice(0, 3)
    .map((f) => `${f.field}: ${f.message}`)
    .join('; ');
  return failure('VALIDATION_FAILED', message || 'the request is not valid', { fields });
}

/** zod → the value, or VALIDATION_FAILED naming each bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): Outcome<z.infer<S>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) {
    const nul = nulPath(parsed.data);
    return nul === undefined ? ok(parsed.data) : invalidFields([{ field: nul, message: NUL_MESSAGE }]);
  }
  return invalidFields(
    parsed.error.issues.map((issue) => ({ field: issue.path.map(String).join('.') || '(body)', message: issue.message })),
  );
}
