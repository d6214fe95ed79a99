/**
 * The rate limits a tab's messages pass (utils/messaging/token-bucket.ts, live-coalescer.ts): pure,
 * driven by an explicit `now`, so these are the exact figures the worker and the tracker get.
 */
import { describe, expect, it } from 'vitest';
import { LiveCoalescer } from '@/utils/messaging/live-coalescer';
import { TokenBucket } from '@/utils/messaging/token-bucket';

describe('TokenBucket', () => {
  it('lets a burst of `capacity` through, then `perSecond`', () => {
    const b = new TokenBucket({ capacity: 5, perSecond: 2 }, 0);
    let passed = 0;
    // 1,000 takes over 9.99 s: 5 at once, then 2 a second (19.98 tokens, 19 whole ones).
    for (let i = 0; i < 1000; i++) if (b.take(i * 10)) passed++;
    expect(passed).toBe(5 + 19);
  });

  it('never exceeds capacity + perSecond × T in any window', () => {
    const spec = { capacity: 3, perSecond: 4 };
    const b = new TokenBucket(spec, 0);
    const times: number[] = [];
    for (let t = 0; t < 20_000; t += 7) if (b.take(t)) times.push(t);
    for (const start of times) {
      const inWindow = times.filter((t) => t >= start && t < start + 1000).length;
      expect(inWindow).toBeLessThanOrEqual(spec.capacity + spec.perSecond);
    }
    expect(times.length).toBeGreaterThanOrEqual(spec.perSecond * 19);
  });

  it('says how long until the next token, and a clock stepping back refills nothing', () => {
    const b = new TokenBucket({ capacity: 1, perSecond: 2 }, 1000);
    expect(b.waitMs(1000)).toBe(0);
    expect(b.take(1000)).toBe(true);
    expect(b.take(1000)).toBe(false);
    expect(b.waitMs(1000)).toBe(500);
    expect(b.waitMs(1200)).toBe(300);
    expect(b.take(0)).toBe(false);
    expect(b.take(1500)).toBe(true);
    expect(b.full(1500)).toBe(false);
    expect(b.full(2000)).toBe(true);
  });
});

describe('LiveCoalescer', () => {
  const merge = (a: number[], b: number[]) => [...a, ...b];

  it('delivers at most the rate, each delivery with the newest of every session, nothing lost in the merge', () => {
    const c = new LiveCoalescer<number[]>({ capacity: 1, perSecond: 2 }, 0, merge);
    const delivered: Array<Map<string, number[] | null>> = [];
    for (let t = 0; t < 2000; t++) {
      c.offer(t % 2 ? 'b' : 'a', [t]);
      const got = c.take(t);
      if (got) delivered.push(got);
    }
    const last = c.take(c.nextAt(2000) ?? 0);
    if (last) delivered.push(last);
    // 1 at once, then one each 500 ms over 2 s, then the rest.
    expect(delivered.length).toBeLessThanOrEqual(5);
    const all = delivered.flatMap((d) => [...d.values()].flatMap((v) => v ?? []));
    expect(all.sort((x, y) => x - y)).toEqual(Array.from({ length: 2000 }, (_, i) => i));
    expect(c.size).toBe(0);
    expect(c.nextAt(5000)).toBeNull();
  });

  it('an end replaces the session’s pending snapshot; a flood of sessions keeps the pending set bounded', () => {
    const c = new LiveCoalescer<number[]>({ capacity: 1, perSecond: 2 }, 0, merge, 4);
    expect(c.take(0)).toBeNull();
    c.offer('a', [1]);
    expect(c.take(0)).toEqual(new Map([['a', [1]]]));
    c.offer('a', [2]);
    c.offer('a', null);
    for (let i = 0; i < 100; i++) c.offer(`s${i}`, [i]);
    expect(c.size).toBe(4);
    expect(c.nextAt(0)).toBe(500);
    const got = c.take(500);
    expect(got?.get('a')).toBeNull();
    expect([...(got?.keys() ?? [])]).toEqual(['a', 's97', 's98', 's99']);
  });
});

describe('LiveCoalescer, one session a delivery (the tracker’s way)', () => {
  it('sends the oldest pending first, one per token, and withdraws what need not go', () => {
    const c = new LiveCoalescer<number>({ capacity: 1, perSecond: 2 }, 0);
    c.offer('a', 1);
    c.offer('b', 2);
    c.offer('c', 3);
    c.forget('c');
    expect(c.take(0, 1)).toEqual(new Map([['a', 1]]));
    expect(c.take(100, 1)).toBeNull();
    expect(c.nextAt(100)).toBe(500);
    expect(c.take(500, 1)).toEqual(new Map([['b', 2]]));
    expect(c.nextAt(500)).toBeNull();
  });
});
