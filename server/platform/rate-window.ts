/**
 * A fixed-window counter per key, in memory. Used for the per-account login limit
 * (S26); the per-IP limit is @fastify/rate-limit's, and the lockout in the database (S03)
 * holds across instances, so a per-instance window is enough here.
 */
export class RateWindow {
  private readonly hits = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Count a hit; false when the key is over its limit in the current window. */
  hit(key: string, now: number): boolean {
    const entry = this.hits.get(key);
    if (!entry || now - entry.start >= this.windowMs) {
      this.hits.set(key, { start: now, count: 1 });
      if (this.hits.size > 10_000) this.sweep(now);
      return true;
    }
    entry.count++;
    return entry.count <= this.max;
  }

  private sweep(now: number): void {
    for (const [k, v] of this.hits) if (now - v.start >= this.windowMs) this.hits.delete(k);
  }
}
