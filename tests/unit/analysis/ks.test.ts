import { describe, expect, it } from 'vitest';
import { durbinCdf, kolmogorovSf, kstwoSf, smirnovSf } from '../../../utils/analysis/kolmogorov';
import { ksTwoSample, roundHalfEven } from '../../../utils/analysis/ks';

const seq = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, k) => f(k + 1));

/**
 * Reference values: scipy 1.17.1, `scipy.stats.ks_2samp(a, b, method='asymp')` (statistic, pvalue) and
 * `scipy.special.kolmogorov((√en + 0.12 + 0.11/√en)·D)` for Stephens. The samples are integer formulas so
 * Python and TypeScript build the very same arrays.
 */
const FIXTURES = [
  {
    // By hand: F_a(3) − F_b(3) = 3/5 − 0 is the largest gap, so D = 0.6. en = 5·5/10 = 2.5, which numpy
    // rounds to 2 (half to even), and for n = 2, x = 0.6 ≥ (n − 1)/n the tail is exact:
    // P(D₂ ≥ x) = 2(1 − x)² = 0.32. Rounding 2.5 up to 3 would give 0.144 instead.
    name: '5 vs 5, shifted by 2.5 (by hand)',
    a: [1, 2, 3, 4, 5],
    b: [3.5, 4.5, 5.5, 6.5, 7.5],
    d: 0.6000000000000001,
    p: 0.31999999999999984,
    stephens: 0.2089848305751669,
  },
  {
    name: '40 vs 60, overlapping',
    a: seq(40, (i) => ((i * 37) % 101) / 10),
    b: seq(60, (j) => ((j * 53) % 97) / 10 + 1.5),
    d: 0.14166666666666672,
    p: 0.6695526435606997,
    stephens: 0.687479891182835,
  },
  {
    name: '40 vs 60, shifted',
    a: seq(40, (i) => ((i * 37) % 101) / 10),
    b: seq(60, (j) => ((j * 53) % 97) / 10 + 3),
    d: 0.3,
    p: 0.020644621453518974,
    stephens: 0.020614870879778997,
  },
  {
    name: '150 vs 150 integers with ties',
    a: seq(150, (i) => (i * 13) % 50),
    b: seq(150, (j) => (j * 17) % 53),
    d: 0.06000000000000005,
    p: 0.9350098413338485,
    stephens: 0.9435266669842114,
  },
  {
    name: '300 vs 500 (en = 187.5 → 188)',
    a: seq(300, (i) => ((i * 7919) % 1000) / 100),
    b: seq(500, (j) => ((j * 104729) % 1000) / 100 + 0.4),
    d: 0.04466666666666667,
    p: 0.8309024904723699,
    stephens: 0.8405207057643629,
  },
  {
    name: '2000 vs 3000, small shift',
    a: seq(2000, (i) => ((i * 7919) % 1000) / 100),
    b: seq(3000, (j) => ((j * 104729) % 1000) / 100 + 0.5),
    d: 0.051000000000000045,
    p: 0.0037509989909118345,
    stephens: 0.0037211414832296215,
  },
];

describe('two-sample KS against scipy', () => {
  for (const f of FIXTURES) {
    it(`${f.name}: D exact, p as scipy asymp`, () => {
      const r = ksTwoSample(f.a, f.b);
      expect(r).not.toBeNull();
      expect(r?.d).toBe(f.d);
      expect(Math.abs((r?.p ?? Number.NaN) - f.p)).toBeLessThan(1e-12);
      expect(r?.n1).toBe(f.a.length);
      expect(r?.n2).toBe(f.b.length);
    });
    it(`${f.name}: Stephens-corrected asymptotic`, () => {
      const r = ksTwoSample(f.a, f.b, 'stephens');
      expect(r?.d).toBe(f.d);
      expect(Math.abs((r?.p ?? Number.NaN) - f.stephens)).toBeLessThan(1e-12);
    });
  }

  it('is symmetric and ignores the order of the input', () => {
    const [f] = FIXTURES.slice(2);
    if (!f) throw new Error('fixture');
    const ab = ksTwoSample(f.a, f.b);
    const ba = ksTwoSample([...f.b].reverse(), f.a);
    expect(ba?.d).toBe(ab?.d);
    expect(ba?.p).toBe(ab?.p);
  });

  it('drops non-finite values and returns null for an empty side', () => {
    expect(ksTwoSample([], [1, 2])).toBeNull();
    expect(ksTwoSample([Number.NaN, Number.POSITIVE_INFINITY], [1, 2])).toBeNull();
    const clean = ksTwoSample([1, 2, 3, 4, 5], [3.5, 4.5, 5.5, 6.5, 7.5]);
    const dirty = ksTwoSample(
      [1, Number.NaN, 2, 3, 4, 5],
      [3.5, 4.5, 5.5, 6.5, 7.5, Number.NEGATIVE_INFINITY],
    );
    expect(dirty).toEqual(clean);
  });

  it('gives NaN for p where scipy does (effective n rounds to 0)', () => {
    const r = ksTwoSample([1], [2]);
    expect(r?.d).toBe(1);
    expect(r?.p).toBeNaN();
  });
});

describe('rounding of the effective n', () => {
  it('rounds halves to even as numpy does', () => {
    expect([0.5, 1.5, 2.5, 3.5, 187.5, 2.4, 2.6].map(roundHalfEven)).toEqual([0, 2, 2, 4, 188, 2, 3]);
  });
});

describe('Kolmogorov distribution', () => {
  // scipy.stats.kstwo.sf(x, n), scipy 1.17.1: one point in each branch of Simard & L'Ecuyer.
  const KSTWO: [number, number, number][] = [
    [2, 0.6, 0.32000000000000006],
    [3, 0.6, 0.14400000000000004],
    [10, 0.05, 1],
    [10, 0.3, 0.27053557479999946],
    [50, 0.15, 0.19026366518248072],
    [100, 0.08, 0.5182193645480672],
    [140, 0.2, 2.1981563302200222e-5],
    [1000, 0.01, 0.9999496745370611],
    [1000, 0.04, 0.07933956059000224],
    [1000, 0.06, 0.001428597887952891],
    [5000, 0.01, 0.6954557253913853],
    [200000, 0.002, 0.39995085369038097],
  ];
  for (const [n, x, sf] of KSTWO) {
    it(`kstwo.sf(${x}, ${n})`, () => {
      expect(Math.abs(kstwoSf(n, x) - sf)).toBeLessThan(1e-11);
    });
  }

  it('matches the textbook critical values of the limiting distribution', () => {
    // Smirnov's table: λ = 1.3581 at the 5 % level, 1.6276 at 1 %.
    expect(kolmogorovSf(1.3581)).toBeCloseTo(0.05, 4);
    expect(kolmogorovSf(1.6276)).toBeCloseTo(0.01, 4);
    // scipy.special.kolmogorov, on both sides of the switch between series.
    expect(kolmogorovSf(0.8)).toBeCloseTo(0.5441424115741981, 14);
    expect(kolmogorovSf(1)).toBeCloseTo(0.26999967167735456, 14);
    expect(kolmogorovSf(2)).toBeCloseTo(0.0006709252557796953, 14);
  });

  it('one-sided and matrix methods agree where both are exact', () => {
    // For x ≥ 0.5 the two one-sided tails cannot both be crossed, so P(D ≥ x) = 2·P(D⁺ ≥ x) exactly.
    expect(1 - durbinCdf(20, 0.55)).toBeCloseTo(2 * smirnovSf(20, 0.55), 13);
    expect(smirnovSf(10, 0.3)).toBeCloseTo(0.1354635556, 10);
  });
});
