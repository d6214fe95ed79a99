import { describe, expect, it } from 'vitest';
import { mergeSpark, SPARK_WINDOW, type SparkPoint } from '@/utils/metrics/spark';

const pts = (from: number, n: number): SparkPoint[] =>
  Array.from({ length: n }, (_, i) => [(from + i) * 1000, 1000 + from + i, 0]);

describe('mergeSpark', () => {
  it('adds only the points newer than the newest kept one', () => {
    expect(mergeSpark(pts(0, 3), pts(1, 4))).toEqual(pts(0, 5));
  });

  it('changes nothing for a snapshot delivered twice or overtaken by a newer one', () => {
    const kept = mergeSpark(pts(0, 3), pts(1, 4));
    expect(mergeSpark(kept, pts(1, 4))).toEqual(kept);
    expect(mergeSpark(kept, pts(0, 2))).toEqual(kept);
  });

  it('keeps the newest SPARK_WINDOW points', () => {
    // A snapshot every 2 s with the last 4 points, up to second 99.
    let kept: SparkPoint[] = [];
    for (let i = 3; i < 100; i += 2) kept = mergeSpark(kept, pts(i - 3, 4));
    expect(kept).toEqual(pts(100 - SPARK_WINDOW, SPARK_WINDOW));
  });

  it('starts from the snapshot when nothing is kept', () => {
    expect(mergeSpark([], pts(5, 4))).toEqual(pts(5, 4));
  });
});
