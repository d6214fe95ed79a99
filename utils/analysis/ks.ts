/**
 * Two-sample Kolmogorov–Smirnov test, two-sided. D is computed the way scipy.stats.ks_2samp computes it
 * (right-continuous empirical CDFs compared at every pooled value, so ties are handled), bit for bit.
 *
 * p-value, `method: 'asymp'` (default) = scipy ≥ 1.5 `ks_2samp(a, b, method='asymp')`:
 *   kstwo.sf(D, round(n1·n2 / (n1 + n2))), the exact one-sample Kolmogorov distribution at the
 *   effective n, rounded half-to-even as numpy does (n1 = n2 = 5 gives 2, not 3).
 * `method: 'stephens'` = the classic asymptotic with Stephens' small-sample correction, as in older scipy
 *   and Numerical Recipes: Q_KS((√nₑ + 0.12 + 0.11/√nₑ) · D) with nₑ = n1·n2 / (n1 + n2).
 * Non-finite values are dropped first. Null when either side is then empty.
 */
import { kolmogorovSf, kstwoSf } from './kolmogorov';

export type KsMethod = 'asymp' | 'stephens';

export interface KsResult {
  /** sup |F1 − F2|. */
  d: number;
  /** Two-sided p-value; NaN when the rounded effective n is 0 (n1 = n2 = 1), as in scipy. */
  p: number;
  n1: number;
  n2: number;
  /** Effective sample size n1·n2 / (n1 + n2) before any rounding. */
  en: number;
  method: KsMethod;
}

/** numpy's round(): halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

export function sortedFinite(xs: readonly number[]): Float64Array {
  return Float64Array.from(xs.filter(Number.isFinite)).sort();
}

/** D for two ascending arrays. */
export function ksStatisticSorted(a: Float64Array, b: Float64Array): number {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n1 && j < n2) {
    const v = Math.min(a[i] ?? 0, b[j] ?? 0);
    while (i < n1 && (a[i] ?? 0) <= v) i++;
    while (j < n2 && (b[j] ?? 0) <= v) j++;
    // Same float operations as scipy (count/n1 − count/n2), so D matches exactly.
    const diff = Math.abs(i / n1 - j / n2);
    if (diff > d) d = diff;
  }
  return d;
}

export function ksPValue(d: number, n1: number, n2: number, method: KsMethod = 'asymp'): number {
  const en = (n1 * n2) / (n1 + n2);
  if (method === 'stephens') {
    const s = Math.sqrt(en);
    return kolmogorovSf((s + 0.12 + 0.11 / s) * d);
  }
  return kstwoSf(roundHalfEven(en), d);
}

export function ksTwoSample(
  a: readonly number[],
  b: readonly number[],
  method: KsMethod = 'asymp',
): KsResult | null {
  const sa = sortedFinite(a);
  const sb = sortedFinite(b);
  const n1 = sa.length;
  const n2 = sb.length;
  if (n1 === 0 || n2 === 0) return null;
  const d = ksStatisticSorted(sa, sb);
  return { d, p: ksPValue(d, n1, n2, method), n1, n2, en: (n1 * n2) / (n1 + n2), method };
}
