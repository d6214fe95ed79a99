import { describe, expect, it } from 'vitest';
import {
  FORMULAS,
  overallScore,
  pictureScore,
  SCORE_FORMULA_VERSION,
  smoothnessScore,
  startupScore,
} from '@/utils/metrics/scores';

// Expected values worked by hand (and checked with a calculator), not by calling the formulas.
describe('startupScore = 100 · 8 / (8 + s)', () => {
  it.each([
    [0, 100],
    [2, 80],
    [8, 50],
    [24, 25],
    [-3, 100],
    [null, null],
    [Number.NaN, null],
  ])('%s s → %s', (s, expected) => {
    expect(startupScore(s)).toBe(expected);
  });
});

describe('smoothnessScore', () => {
  it.each([
    [0, 0, 100],
    // mean(100/√2 = 70.7107, 100)
    [2, 0, 85.355339],
    // mean(100, 100·e^−1 = 36.7879)
    [0, 0.1, 68.393972],
    // mean(100/√5 = 44.7214, 100·e^−0.5 = 60.6531)
    [4, 0.05, 52.687213],
    // a fraction above 1 is clamped: mean(100, 100·e^−10)
    [0, 3, 50.00227],
  ])('%s stalls, rebuffer fraction %s → %s', (stalls, f, expected) => {
    expect(smoothnessScore(stalls, f)).toBeCloseTo(expected, 4);
  });

  it('is null for non-numbers', () => {
    expect(smoothnessScore(Number.NaN, 0)).toBeNull();
  });
});

describe('pictureScore', () => {
  it.each([
    ['native HD, no upscaling', 0, 0, 1, 100],
    ['HD upscaled ×2 all along: 100·e^−0.33', 1, 1, 1, 71.892373],
    ['the same in SD: × 0.75', 1, 1, 0, 53.91928],
    ['avg 0.5, max 2, half HD: 100·e^(−0.33·0.725) · 0.875', 0.5, 2, 0.5, 68.88158],
    ['SD at native size in a small player keeps 75', 0, 0, 0, 75],
  ])('%s', (_name, upAvg, upMax, share, expected) => {
    expect(pictureScore(upAvg, upMax, share)).toBeCloseTo(expected, 4);
  });
});

describe('overallScore: weighted geometric mean', () => {
  it.each([
    ['all perfect', { startup: 100, smoothness: 100, picture: 100 }, 100],
    ['80^0.2 · 50^0.5 · 100^0.3', { startup: 80, smoothness: 50, picture: 100 }, 67.624334],
    [
      'startup unknown: weights 0.5/0.8 and 0.3/0.8',
      { startup: null, smoothness: 50, picture: 100 },
      64.841978,
    ],
    ['one terrible part drags it down', { startup: 100, smoothness: 1, picture: 100 }, 10],
  ])('%s', (_name, parts, expected) => {
    expect(overallScore(parts)).toBeCloseTo(expected, 4);
  });

  it('is null with no parts', () => {
    expect(overallScore({ startup: null, smoothness: null, picture: null })).toBeNull();
  });
});

describe('published formulas', () => {
  it('describes every score, at version 1', () => {
    expect(SCORE_FORMULA_VERSION).toBe(1);
    expect(Object.keys(FORMULAS).sort()).toEqual(['overall', 'picture', 'smoothness', 'startup']);
    expect(FORMULAS.startup).toContain('8 / (8 + startup seconds)');
    expect(FORMULAS.picture).toContain('720p');
  });
});
