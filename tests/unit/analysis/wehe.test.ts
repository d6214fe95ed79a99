import { describe, expect, it } from 'vitest';
import { thin } from '../../../utils/analysis/stats';
import { cdfAreaSorted, normalisedArea, WEHE_DEFAULTS, weheTest } from '../../../utils/analysis/wehe';
import { around } from './history-fixtures';

describe('area between CDFs', () => {
  it('equals the gap between two point masses, over the smaller maximum', () => {
    // F_a jumps at 1 and 2, F_b at 3 and 4: the area is ½·1 + 1·1 + ½·1 = 2 (= the mean difference).
    expect(cdfAreaSorted(Float64Array.of(1, 2), Float64Array.of(3, 4))).toBe(2);
    expect(normalisedArea([2, 1], [4, 3])).toBe(1);
    expect(normalisedArea([5, 5, 5], [5, 5, 5])).toBe(0);
  });

  it('puts a 1 Mbps throttle against 20 Mbps far above every published threshold', () => {
    const area = normalisedArea(around(1_000, 200, 1), around(20_000, 200, 2));
    // ≈ (20 − 1) Mbps of gap over the throttled side's ~1.15 Mbps peak.
    expect(area).toBeGreaterThan(10);
    expect(area).toBeGreaterThan(WEHE_DEFAULTS.areaThreshold);
  });

  it('is null when a side is empty or never moved data', () => {
    expect(normalisedArea([], [1])).toBeNull();
    expect(normalisedArea([0, 0], [0, 0])).toBeNull();
  });
});

describe('Wehe decision', () => {
  it('a throttled service (~1 Mbps vs ~20 Mbps) is differentiation', () => {
    const r = weheTest(around(1_000, 300, 3), around(20_000, 300, 4));
    expect(r.verdict).toBe('differentiation');
    expect(r.p).toBeLessThan(1e-10);
    expect(r.slower).toBe(1);
    expect(r.reasons[0]?.code).toBe('differentiation');
    expect(r.median1).toBeGreaterThan(850);
    expect(r.median1).toBeLessThan(1_150);
  });

  it('two samples of the same distribution are no differentiation', () => {
    const r = weheTest(around(8_000, 400, 5, 0.4), around(8_000, 400, 6, 0.4));
    expect(r.verdict).toBe('no-differentiation');
    expect(r.area).toBeLessThan(0.1);
    expect(r.p).toBeGreaterThan(0.01);
  });

  it('too few samples on either side is inconclusive, whatever the numbers', () => {
    const r = weheTest(around(1_000, 20, 7), around(20_000, 300, 8));
    expect(r.verdict).toBe('inconclusive');
    expect(r.reasons[0]?.code).toBe('too-few-samples');
    expect(r.reasons[0]?.text).toMatch(/^too few samples/);
    expect(r.p).toBeNull();
    expect(r.n1).toBe(20);
  });

  it('a significant but small difference is inconclusive (KS alone)', () => {
    // 10 % apart: with 2000 samples the KS test is sure, but the area is far below T_area.
    const r = weheTest(around(10_000, 2000, 9), around(11_000, 2000, 10), { ksMaxSamples: 2000 });
    expect(r.p).toBeLessThan(0.01);
    expect(r.area).toBeLessThan(0.5);
    expect(r.verdict).toBe('inconclusive');
    expect(r.reasons[0]?.code).toBe('ks-only');
  });

  it('a large gap the KS test cannot confirm is inconclusive (area alone)', () => {
    // Far apart in the tails but with identical bulk: the area is large, D is small.
    const bulk = around(1_000, 40, 11, 0.05);
    const a = [...bulk, ...Array(8).fill(100)];
    const b = [...bulk, ...Array(8).fill(60_000)];
    const r = weheTest(a, b);
    expect(r.area).toBeGreaterThan(0.5);
    expect(r.p).toBeGreaterThan(0.01);
    expect(r.verdict).toBe('inconclusive');
    expect(r.reasons[0]?.code).toBe('area-only');
  });

  it('runs the KS test on at most ksMaxSamples per side, the area on all', () => {
    const r = weheTest(around(5_000, 5_000, 12), around(5_000, 3_000, 13));
    expect(r.n1).toBe(5_000);
    expect(r.ksN1).toBe(WEHE_DEFAULTS.ksMaxSamples);
    expect(r.ksN2).toBe(WEHE_DEFAULTS.ksMaxSamples);
  });

  it('ignores negative and non-finite throughput', () => {
    const good = around(2_000, 50, 14);
    const r = weheTest([...good, -5, Number.NaN], good);
    expect(r.n1).toBe(50);
    expect(r.area).toBe(0);
  });
});

describe('thinning', () => {
  it('picks evenly and keeps order', () => {
    expect(thin([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 5)).toEqual([1, 3, 5, 7, 9]);
    expect(thin([1, 2], 5)).toEqual([1, 2]);
  });
});
