/**
 * Live snapshots out at a capped rate without losing the newest: each offer replaces the session's
 * pending one (merged with it, so what it carried, e.g. sparkline points, is kept), a session's end
 * replaces its pending snapshot, and `take` hands over everything pending when the bucket has a token.
 * Pure, with explicit `now`; the caller owns the timer that comes back at `nextAt`.
 */
import { type BucketSpec, TokenBucket } from './token-bucket';

/** null: the session ended. */
export type LiveChange<S> = S | null;

export class LiveCoalescer<S> {
  private readonly bucket: TokenBucket;
  private pending = new Map<string, LiveChange<S>>();

  constructor(
    spec: BucketSpec,
    now: number,
    private readonly merge: (older: S, newer: S) => S = (_, newer) => newer,
    /** Beyond this many sessions pending, the oldest pending snapshot is dropped (an end only if all are). */
    private readonly maxPending = 16,
  ) {
    this.bucket = new TokenBucket(spec, now);
  }

  offer(sid: string, change: LiveChange<S>): void {
    const prev = this.pending.get(sid);
    this.pending.delete(sid);
    this.pending.set(sid, change !== null && prev != null ? this.merge(prev, change) : change);
    if (this.pending.size > this.maxPending) {
      // The oldest snapshot goes first; only a flood of ends alone drops an end.
      const victim = [...this.pending].find(([, v]) => v !== null)?.[0] ?? this.pending.keys().next().value;
      if (victim !== undefined) this.pending.delete(victim);
    }
  }

  get size(): number {
    return this.pending.size;
  }

  /** The session's pending change is withdrawn (an end for a session never delivered needs no delivery). */
  forget(sid: string): void {
    this.pending.delete(sid);
  }

  /**
   * What is pending, oldest first, at most `max` sessions, if the rate allows a delivery at `now`;
   * null otherwise (or if nothing is). One delivery, one token.
   */
  take(now: number, max = Number.POSITIVE_INFINITY): Map<string, LiveChange<S>> | null {
    if (this.pending.size === 0 || !this.bucket.take(now)) return null;
    if (this.pending.size <= max) {
      const out = this.pending;
      this.pending = new Map();
      return out;
    }
    const out = new Map<string, LiveChange<S>>();
    for (const [k, v] of this.pending) {
      if (out.size >= max) break;
      out.set(k, v);
    }
    for (const k of out.keys()) this.pending.delete(k);
    return out;
  }

  /** When `take` will next succeed: null if nothing is pending. */
  nextAt(now: number): number | null {
    return this.pending.size === 0 ? null : now + this.bucket.waitMs(now);
  }

  /** Nothing pending and the bucket full: the caller may forget this coalescer. */
  idle(now: number): boolean {
    return this.pending.size === 0 && this.bucket.full(now);
  }
}
