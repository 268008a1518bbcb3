interface Entry<V> {
  value: V;
  storedAt: number;
}

/**
 * A time-limited cache of async results. Concurrent misses for one key share a single load, and a
 * failed load is not stored, so the next call tries again. A TTL of 0 stores nothing.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly loads = new Map<string, Promise<V>>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
    /** Entry count above which expired entries are pruned on the next store. */
    private readonly pruneAbove = 1000,
  ) {}

  /** Returns the cached value when younger than maxAgeMs (default: the TTL), else loads it. */
  async get(key: string, load: () => Promise<V>, maxAgeMs = this.ttlMs): Promise<V> {
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.storedAt < maxAgeMs) {
      return entry.value;
    }

    const pending = this.loads.get(key);
    if (pending) {
      return pending;
    }

    const started = this.now();
    const loading = load().then(
      (value) => {
        this.store(key, { value, storedAt: started });
        return value;
      },
    ).finally(() => {
      this.loads.delete(key);
    });
    this.loads.set(key, loading);
    return loading;
  }

  private isFresh(entry: Entry<V>): boolean {
    return this.now() - entry.storedAt < this.ttlMs;
  }

  private store(key: string, entry: Entry<V>): void {
    if (this.ttlMs <= 0) {
      return;
    }
    if (this.entries.size >= this.pruneAbove) {
      this.pruneExpired();
    }
    this.entries.set(key, entry);
  }

  private pruneExpired(): void {
    for (const [key, entry] of this.entries) {
      if (!this.isFresh(entry)) {
        this.entries.delete(key);
      }
    }
  }
}
