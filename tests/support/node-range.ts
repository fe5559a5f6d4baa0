/**
 * Whether a Node version satisfies a package's `engines.node` range, for the forms npm packages
 * use: `||` alternatives, space-separated comparators (`>=`, `>`, `<`, `<=`, `=`), caret and tilde
 * ranges, x-ranges (`20.x`, `6.*`, `*`), partial versions (`>= 10`) and hyphen ranges (`1 - 2`).
 * Our own few lines rather than `semver`, which is not a declared dependency. Throws on a range
 * it cannot read, so a new form is looked at rather than waved through.
 */
type Version = [number, number, number];
type Partial = { parts: (number | null)[] };
type Bound = { at: Version; inclusive: boolean };
type Interval = { low: Bound | null; high: Bound | null };

const PARTIAL = String.raw`v?(?:[0-9]+|[xX*])(?:\.(?:[0-9]+|[xX*])){0,2}(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?`;
const COMPARATOR = new RegExp(String.raw`^(<=|>=|<|>|=|\^|~>?)?\s*(${PARTIAL})$`);

function parsePartial(text: string): Partial {
  const core = text.replace(/^v/, '').replace(/[-+].*$/, '');
  const parts = core.split('.').map((p) => (/^[0-9]+$/.test(p) ? Number(p) : null));
  // After a wildcard every later part is a wildcard too (`1.x.3` reads as `1.x`).
  const firstWild = parts.indexOf(null);
  return { parts: firstWild === -1 ? parts : parts.slice(0, firstWild) };
}

const v = (parts: number[]): Version => [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0];
/** The first version after every version starting with `parts` (`1.2` → `1.3.0`). */
function after(parts: number[]): Version {
  const bumped = [...parts];
  bumped[bumped.length - 1]! += 1;
  return v(bumped);
}

function intervalOf(op: string, partial: Partial): Interval {
  const p = partial.parts as number[];
  const ge = (at: Version): Bound => ({ at, inclusive: true });
  const lt = (at: Version): Bound => ({ at, inclusive: false });
  if (p.length === 0) return op === '<' || op === '>' ? { low: null, high: lt([0, 0, 0]) } : { low: null, high: null };
  switch (op) {
    case '>=':
      return { low: ge(v(p)), high: null };
    case '>':
      return { low: ge(p.length === 3 ? [p[0]!, p[1]!, p[2]! + 1] : after(p)), high: null };
    case '<':
      return { low: null, high: lt(v(p)) };
    case '<=':
      return { low: null, high: p.length === 3 ? { at: v(p), inclusive: true } : lt(after(p)) };
    case '^': {
      const firstNonZero = p.findIndex((n) => n !== 0);
      const keep = firstNonZero === -1 ? p.length : Math.min(firstNonZero + 1, p.length);
      return { low: ge(v(p)), high: lt(after(p.slice(0, keep))) };
    }
    case '~':
    case '~>':
      return { low: ge(v(p)), high: lt(after(p.slice(0, p.length === 1 ? 1 : 2))) };
    default:
      return p.length === 3 ? { low: ge(v(p)), high: { at: v(p), inclusive: true } } : { low: ge(v(p)), high: lt(after(p)) };
  }
}

function compare(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

function within(version: Version, { low, high }: Interval): boolean {
  if (low && (low.inclusive ? compare(version, low.at) < 0 : compare(version, low.at) <= 0)) return false;
  if (high && (high.inclusive ? compare(version, high.at) > 0 : compare(version, high.at) >= 0)) return false;
  return true;
}

function setAccepts(set: string, version: Version): boolean {
  const text = set.trim();
  const hyphen = new RegExp(`^(${PARTIAL})\\s+-\\s+(${PARTIAL})$`).exec(text);
  if (hyphen) return within(version, intervalOf('>=', parsePartial(hyphen[1]!))) && within(version, intervalOf('<=', parsePartial(hyphen[2]!)));
  if (text === '') return true;
  // Glue an operator to its version (`>= 10.4.0` → `>=10.4.0`) before splitting on spaces.
  const comparators = text.replace(/(<=|>=|<|>|=|\^|~>?)\s+/g, '$1').split(/\s+/);
  return comparators.every((c) => {
    const match = COMPARATOR.exec(c);
    if (!match) throw new Error(`cannot read the range "${set}" (at "${c}")`);
    return within(version, intervalOf(match[1] ?? '', parsePartial(match[2]!)));
  });
}

export function nodeRangeAccepts(range: string, version: string): boolean {
  const target = v(version.split('.').map(Number));
  const sets = range.split('||');
  // Every alternative is read, so a malformed one throws even when an earlier one matched.
  return sets.map((set) => setAccepts(set, target)).some(Boolean);
}
