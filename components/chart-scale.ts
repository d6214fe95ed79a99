/**
 * Small pure helpers for the SVG charts: a readable axis maximum, linear scales, paths that break at
 * gaps, and per-pixel-column bucketing so a three-hour session draws a few hundred points, not 10 000.
 */

/** The smallest of 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k that is ≥ v (1 for nothing to show). */
export function niceMax(v: number): number {
  if (!(v > 0) || !Number.isFinite(v)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8]) if (v <= m * p * (1 + 1e-9)) return m * p;
  return 10 * p;
}

/** Maps [d0, d1] onto [r0, r1]; a zero-width domain maps to the middle of the range. */
export function linear(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  const span = d1 - d0;
  if (!(span > 0)) return () => (r0 + r1) / 2;
  return (v) => r0 + ((v - d0) / span) * (r1 - r0);
}

const r1 = (n: number) => Math.round(n * 10) / 10;

export type Pt = readonly [x: number, y: number | null];

/** A polyline path; a null y, or a jump wider than `maxGapX`, starts a new segment (no invented data). */
export function linePath(points: readonly Pt[], maxGapX = Number.POSITIVE_INFINITY): string {
  let d = '';
  let prevX: number | null = null;
  for (const [x, y] of points) {
    if (y === null) {
      prevX = null;
      continue;
    }
    const joined = prevX !== null && x - prevX <= maxGapX;
    d += `${joined ? 'L' : 'M'}${r1(x)} ${r1(y)}`;
    prevX = x;
  }
  return d;
}

/** A step path: each value holds until the next point (resolution changes are steps, not slopes). */
export function stepPath(points: readonly Pt[], maxGapX = Number.POSITIVE_INFINITY): string {
  let d = '';
  let prev: readonly [number, number] | null = null;
  for (const [x, y] of points) {
    if (y === null) {
      prev = null;
      continue;
    }
    if (prev !== null && x - prev[0] <= maxGapX) d += `H${r1(x)}V${r1(y)}`;
    else d += `M${r1(x)} ${r1(y)}`;
    prev = [x, y];
  }
  return d;
}

/** Groups items (sorted by `at`) into at most `cols` buckets of equal time width; empty ones are left out. */
export function buckets<T>(items: readonly T[], at: (item: T) => number, cols: number): T[][] {
  const first = items[0];
  const last = items.at(-1);
  if (first === undefined || last === undefined) return [];
  const t0 = at(first);
  const span = at(last) - t0;
  const out: T[][] = [];
  let col = -1;
  for (const item of items) {
    const c = span > 0 ? Math.min(cols - 1, Math.floor(((at(item) - t0) / span) * cols)) : 0;
    if (c !== col) {
      out.push([]);
      col = c;
    }
    out.at(-1)?.push(item);
  }
  return out;
}

/** Mean of the non-null values; null when there are none. */
export function meanOf(values: readonly (number | null)[]): number | null {
  let sum = 0;
  let n = 0;
  for (const v of values) {
    if (v === null || !Number.isFinite(v)) continue;
    sum += v;
    n++;
  }
  return n > 0 ? sum / n : null;
}
