/**
 * One byte budget shared by every response of an origin, so concurrent downloads split the rate the way
 * they would behind one real bottleneck link. Responses ask for "up to N bytes" and get a grant sized to
 * what the bucket holds; the rate is re-read on every tick, so lowering it throttles in-flight responses
 * from their next chunk on (a test relies on that to make a playing player stall).
 */

const TICK_MS = 50;
/** Tokens may pile up for this long: absorbs late timer ticks without allowing big bursts. */
const BURST_MS = 100;

interface Waiter {
  max: number;
  resolve: (granted: number) => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

export class TokenBucket {
  private rate: number | null = null;
  private tokens = 0;
  private lastRefill = performance.now();
  private waiters: Waiter[] = [];
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  /** Bytes per second; null = unlimited. Waiting responses are re-served at the new rate at once. */
  setRate(rate: number | null): void {
    this.refill();
    this.rate = rate === null ? null : Math.max(1, rate);
    // Start a newly limited period empty: otherwise the first tick would carry a burst from the old rate.
    this.tokens = Math.min(this.tokens, this.capacity());
    this.pump();
  }

  getRate(): number | null {
    return this.rate;
  }

  /** Resolves with how many bytes (1..max) the caller may send now. Rejects if `signal` aborts first. */
  acquire(max: number, signal?: AbortSignal): Promise<number> {
    if (this.closed) return Promise.reject(new Error('token bucket closed'));
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.rate === null) return Promise.resolve(max);
    this.refill();
    // Queue behind earlier waiters so a fresh response cannot starve ones already waiting.
    if (this.waiters.length === 0 && this.tokens >= 1) {
      const granted = Math.min(max, Math.floor(this.tokens));
      this.tokens -= granted;
      return Promise.resolve(granted);
    }
    return new Promise<number>((resolve, reject) => {
      const waiter: Waiter = {
        max,
        resolve,
        reject,
        signal,
        onAbort: () => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(signal?.reason);
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.waiters.push(waiter);
      this.schedule();
    });
  }

  /** Rejects every pending acquire and stops the timer. */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const pending = this.waiters;
    this.waiters = [];
    for (const w of pending) {
      w.signal?.removeEventListener('abort', w.onAbort);
      w.reject(new Error('token bucket closed'));
    }
  }

  private capacity(): number {
    return this.rate === null ? Number.POSITIVE_INFINITY : Math.max(1, (this.rate * BURST_MS) / 1000);
  }

  private refill(): void {
    const now = performance.now();
    if (this.rate !== null) {
      this.tokens = Math.min(this.capacity(), this.tokens + (this.rate * (now - this.lastRefill)) / 1000);
    }
    this.lastRefill = now;
  }

  private schedule(): void {
    if (this.timer || this.waiters.length === 0 || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.pump();
    }, TICK_MS);
  }

  /** Splits the available tokens evenly over the waiters (round-robin fairness per tick). */
  private pump(): void {
    this.refill();
    const pending = this.waiters;
    this.waiters = [];
    let remaining = pending.length;
    for (const w of pending) {
      let granted = 0;
      if (this.rate === null) granted = w.max;
      else if (this.tokens >= 1) {
        granted = Math.min(w.max, Math.max(1, Math.floor(this.tokens / remaining)));
        this.tokens -= granted;
      }
      remaining -= 1;
      if (granted > 0) {
        w.signal?.removeEventListener('abort', w.onAbort);
        w.resolve(granted);
      } else this.waiters.push(w);
    }
    this.schedule();
  }
}
