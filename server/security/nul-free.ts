/**
 * The path of the first string (or object key) holding U+0000, or undefined. PostgreSQL's text and
 * jsonb cannot store it, so such input is refused as invalid on every backend alike. Iterative:
 * a deeply nested body cannot exhaust the stack.
 */
export function nulPath(value: unknown): string | undefined {
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [current, path] = stack.pop()!;
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return path || '(body)';
    } else if (typeof current === 'object' && current !== null) {
      for (const [key, child] of Object.entries(current)) {
        const childPath = path ? `${path}.${key}` : key;
        if (key.includes('\u0000')) return childPath;
        stack.push([child, childPath]);
      }
    }
  }
  return undefined;
}

export const NUL_MESSAGE = 'the NUL character is not allowed';
