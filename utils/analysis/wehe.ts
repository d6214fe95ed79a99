/**
 * Wehe's differentiation test (Li et al., SIGCOMM 2019; NEU-SNS/wehe-py3 `testHypothesis.doTests`) on two
 * throughput samples: the area between their empirical CDFs over the smaller of the two maxima, and the
 * two-sample KS test. Pure: arrays in, a verdict with its reasons out. See docs/differentiation.md.
 */
import { ksPValue, ksStatisticSorted } from './ks';
import { medianSorted, sortedValues, thin } from './stats';

export type Verdict = (typeof VERDICTS)[number];

export const VERDICTS = ['differentiation', 'no-differentiation', 'inconclusive'] as const;

export const REASON_CODES = [
  'too-few-samples',
  'no-throughput',
  'differentiation',
  'no-differentiation',
  'area-only',
  'ks-only',
  'no-overlap',
  'too-few-sessions',
  'confounded',
  'connection-unknown',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** `code` is stable (for UI text and tests); `text` is an English explanation with the numbers. */
export interface Reason {
  code: ReasonCode;
  text: string;
}

export interface WeheOptions {
  /** T_area: normalised area above which the distributions count as far apart (Wehe: 0.5). */
  areaThreshold?: number;
  /** T_ks: KS p-value below which they count as different (Wehe: 0.01). */
  pThreshold?: number;
  /** Fewer samples than this on either side: 'inconclusive'. */
  minSamples?: number;
  /** The KS test runs on at most this many samples per side, picked evenly in the given (time) order. */
  ksMaxSamples?: number;
}

export const WEHE_DEFAULTS: Required<WeheOptions> = {
  areaThreshold: 0.5,
  pThreshold: 0.01,
  minSamples: 30,
  ksMaxSamples: 100,
};

export interface WeheResult {
  verdict: Verdict;
  /** ∫|F1 − F2| dx / min(max1, max2); null when it cannot be formed. */
  area: number | null;
  d: number | null;
  p: number | null;
  /** Usable samples (finite, ≥ 0) on each side: the area uses all of them. */
  n1: number;
  n2: number;
  /** Samples the KS test used after thinning. */
  ksN1: number;
  ksN2: number;
  median1: number | null;
  median2: number | null;
  max1: number | null;
  max2: number | null;
  /** The side with the lower median, when they differ. */
  slower: 1 | 2 | null;
  reasons: Reason[];
}

/** ∫|F1(x) − F2(x)| dx of two ascending samples: the area between their step CDFs, exactly. */
export function cdfAreaSorted(a: Float64Array, b: Float64Array): number {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) return Number.NaN;
  let i = 0;
  let j = 0;
  let prev = Math.min(a[0] ?? 0, b[0] ?? 0);
  let area = 0;
  while (i < n1 || j < n2) {
    const v = Math.min(a[i] ?? Number.POSITIVE_INFINITY, b[j] ?? Number.POSITIVE_INFINITY);
    area += Math.abs(i / n1 - j / n2) * (v - prev);
    while (i < n1 && (a[i] ?? 0) <= v) i++;
    while (j < n2 && (b[j] ?? 0) <= v) j++;
    prev = v;
  }
  return area;
}

const usable = (xs: readonly number[]) => xs.filter((x) => Number.isFinite(x) && x >= 0);

/** Wehe's normalised area; null when a side is empty or both maxima are 0. */
export function normalisedArea(a: readonly number[], b: readonly number[]): number | null {
  const sa = sortedValues(usable(a));
  const sb = sortedValues(usable(b));
  const norm = Math.min(sa.at(-1) ?? 0, sb.at(-1) ?? 0);
  return sa.length && sb.length && norm > 0 ? cdfAreaSorted(sa, sb) / norm : null;
}

const fmt = (x: number) =>
  Math.abs(x) >= 1e-3 || x === 0 ? String(Number(x.toPrecision(3))) : x.toExponential(1);

/** Runs both statistics and applies Wehe's rule. Pass samples in time order (thinning keeps that order). */
export function weheTest(a: readonly number[], b: readonly number[], options: WeheOptions = {}): WeheResult {
  const o = { ...WEHE_DEFAULTS, ...options };
  const ua = usable(a);
  const ub = usable(b);
  const sa = sortedValues(ua);
  const sb = sortedValues(ub);
  const median1 = medianSorted(sa);
  const median2 = medianSorted(sb);
  const base = {
    n1: sa.length,
    n2: sb.length,
    median1,
    median2,
    max1: sa.at(-1) ?? null,
    max2: sb.at(-1) ?? null,
    slower: median1 === null || median2 === null || median1 === median2 ? null : median1 < median2 ? 1 : 2,
  } as const;
  const none = { verdict: 'inconclusive', area: null, d: null, p: null, ksN1: 0, ksN2: 0, ...base } as const;
  if (sa.length < o.minSamples || sb.length < o.minSamples) {
    const text = `too few samples: ${sa.length} and ${sb.length}, need at least ${o.minSamples} on each side`;
    return { ...none, reasons: [{ code: 'too-few-samples', text }] };
  }
  const norm = Math.min(base.max1 ?? 0, base.max2 ?? 0);
  if (!(norm > 0)) {
    return { ...none, reasons: [{ code: 'no-throughput', text: 'one side never moved any data' }] };
  }
  const area = cdfAreaSorted(sa, sb) / norm;
  const ka = sortedValues(thin(ua, o.ksMaxSamples));
  const kb = sortedValues(thin(ub, o.ksMaxSamples));
  const d = ksStatisticSorted(ka, kb);
  const p = ksPValue(d, ka.length, kb.length, 'asymp');
  if (Number.isNaN(p)) {
    const text = `too few samples for the KS test: ${ka.length} and ${kb.length}`;
    return { ...none, area, reasons: [{ code: 'too-few-samples', text }] };
  }
  const stats = `area ${fmt(area)} (threshold ${o.areaThreshold}), KS D ${fmt(d)}, p ${fmt(p)} (threshold ${o.pThreshold})`;
  let verdict: Verdict = 'inconclusive';
  let reason: Reason;
  if (area > o.areaThreshold && p < o.pThreshold) {
    verdict = 'differentiation';
    reason = { code: 'differentiation', text: `both tests say the throughputs differ: ${stats}` };
  } else if (area < o.areaThreshold && p > o.pThreshold) {
    verdict = 'no-differentiation';
    reason = { code: 'no-differentiation', text: `neither test finds a difference: ${stats}` };
  } else if (area >= o.areaThreshold) {
    reason = {
      code: 'area-only',
      text: `the CDFs are far apart but the KS test is not significant: ${stats}`,
    };
  } else {
    reason = {
      code: 'ks-only',
      text: `the difference is significant but smaller than the area threshold: ${stats}`,
    };
  }
  return { ...base, verdict, area, d, p, ksN1: ka.length, ksN2: kb.length, reasons: [reason] };
}
