interface Entry<V> {
  value?: V;
  until: number;
  loading?: Promise<V | undefined>;
}

/**
 * A small cache for rarely changing rows read on hot paths: one load per key at a time however
 * many requests ask together, and an expired value keeps being served while it is refreshed.
 * Misses (undefined) are not kept.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, Entry<V>>();

  constructor(
    private readonly ttlMs: number,
    private readonly clock: () => number,
  ) {}

  async get(key: string, load: () => Promise<V | undefined>): Promise<V | undefined> {
    const entry = this.entries.get(key);
    if (entry?.value !== undefined) {
      if (entry.until <= this.clock() && !entry.loading) void this.load(key, load).catch(() => undefined);
      return entry.value;
    }
    return entry?.loading ?? this.load(key, load);
  }

  set(key: string, value: V): void {
    this.entries.set(key, { value, until: this.clock() + this.ttlMs });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  private load(key: string, load: () => Promise<V | undefined>): Promise<V | undefined> {
    const entry = this.entries.get(key) ?? { until: 0 };
    const loading = load().then(
      (value) => {
        if (value === undefined) this.entries.delete(key);
        else this.entries.set(key, { value, until: this.clock() + this.ttlMs });
        return value;
      },
      (error: unknown) => {
        const current = this.entries.get(key);
        if (current) delete current.loading;
        throw error;
      },
    );
    this.entries.set(key, { ...entry, loading });
    return loading;
  }
}
