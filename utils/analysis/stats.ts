/** Order statistics on plain arrays; non-finite values are ignored everywhere. */

export function sortedValues(xs: readonly number[]): Float64Array {
  return Float64Array.from(xs.filter(Number.isFinite)).sort();
}

/** Median of an ascending array (mean of the middle two for even n); null when empty. */
export function medianSorted(s: Float64Array): number | null {
  const n = s.length;
  if (n === 0) return null;
  const mid = n >> 1;
  return n % 2 === 1 ? (s[mid] ?? null) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

export function median(xs: readonly number[]): number | null {
  return medianSorted(sortedValues(xs));
}

/**
 * At most `max` values picked evenly across `xs` in their given order (the i-th pick is the element at
 * ⌊(i + ½)·n / max⌋). Deterministic, so a report computed twice says the same thing.
 */
export function thin<T>(xs: readonly T[], max: number): T[] {
  const n = xs.length;
  const k = Math.max(0, Math.floor(max));
  if (n <= k) return [...xs];
  const out: T[] = [];
  for (let i = 0; i < k; i++) {
    const x = xs[Math.floor(((i + 0.5) * n) / k)];
    if (x !== undefined) out.push(x);
  }
  return out;
}
