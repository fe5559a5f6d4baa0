import type { z } from 'zod';
import type { ErrorCode } from '../../core/errors';
import { ok } from '../../core/result';
import { NUL_MESSAGE, nulPath } from '../security/nul-free';
import { failure, type Outcome } from '../use-cases/outcome';

/** zod → an Outcome whose message names the first few bad fields. */
export function validate<S extends z.ZodType>(
  schema: S,
  input: unknown,
  codeFor: (fields: string[]) => ErrorCode = () => 'VALIDATION_FAILED',
): Outcome<z.infer<S>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) {
    const nul = nulPath(parsed.data);
    return nul === undefined ? ok(parsed.data) : failure(codeFor([nul]), `${nul}: ${NUL_MESSAGE}`);
  }
  const issues = parsed.error.issues;
  const fields = issues.map((issue) => issue.path.map(String).join('.') || '(body)');
  const message = issues
    .slice(0, 3)
    .map((issue, i) => `${fields[i]}: ${issue.message}`)
    .join('; ');
  return failure(codeFor(fields), message);
}
