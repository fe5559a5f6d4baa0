/** One measured figure, as written by `npm run bench -- --json PATH`. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
}

export interface BenchContext {
  /** PostgreSQL URL when TEST_PG_URL or DATABASE_URL is set; PostgreSQL figures are skipped otherwise. */
  pgUrl: string | undefined;
  log: (line: string) => void;
}

/** A bench group measures its subject and a baseline in the same run, and returns both. */
export interface BenchGroup {
  name: string;
  run: (ctx: BenchContext) => Promise<Figure[]>;
}

export function percentile(sortedOrUnsorted: readonly number[], p: number): number {
  if (sortedOrUnsorted.length === 0) return Number.NaN;
  const sorted = [...sortedOrUnsorted].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
