/**
 * A token bucket: `capacity` tokens, refilled at `perSecond`, one taken per message. Pure: the caller
 * passes `now` (ms), so the worker, the tracker and the tests run the same arithmetic. Over any window
 * of T seconds at most `capacity + perSecond * T` takes succeed.
 */
export interface BucketSpec {
  capacity: number;
  perSecond: number;
}

export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    readonly spec: BucketSpec,
    now: number,
  ) {
    this.tokens = spec.capacity;
    this.at = now;
  }

  private refill(now: number): void {
    // A clock that steps back refills nothing (and never takes tokens away).
    const elapsed = Math.max(0, now - this.at);
    this.tokens = Math.min(this.spec.capacity, this.tokens + (elapsed * this.spec.perSecond) / 1000);
    this.at = Math.max(this.at, now);
  }

  /** Takes `cost` tokens if there are that many at `now`; false (and nothing taken) if not. */
  take(now: number, cost = 1): boolean {
    this.refill(now);
    if (this.tokens + 1e-9 < cost) return false;
    this.tokens = Math.max(0, this.tokens - cost);
    return true;
  }

  /** Ms from `now` until `cost` tokens are there (0 when they already are). */
  waitMs(now: number, cost = 1): number {
    this.refill(now);
    const missing = cost - this.tokens;
    return missing <= 1e-9 ? 0 : Math.ceil((missing * 1000) / this.spec.perSecond);
  }

  /** Full again at `now`: the state a worker that just started has. */
  full(now: number): boolean {
    this.refill(now);
    return this.tokens >= this.spec.capacity;
  }
}
