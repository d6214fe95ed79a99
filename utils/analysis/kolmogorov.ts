/**
 * Tail probabilities of the Kolmogorov–Smirnov statistic: pure numerics, no I/O.
 * `kstwoSf` follows Simard & L'Ecuyer (2011) branch for branch as scipy.stats.kstwo.sf does
 * (scipy/stats/_ksstats.py), so p-values agree with scipy to rounding; `kolmogorovSf` is the limiting
 * (n → ∞) distribution, scipy.special.kolmogorov / scipy.stats.kstwobign.sf.
 */

const EP128 = 2 ** 128;
const EM128 = 2 ** -128;
const SQRT2PI = Math.sqrt(2 * Math.PI);
const PI2 = Math.PI ** 2;
const PI4 = Math.PI ** 4;
const PI6 = Math.PI ** 6;

const clip = (p: number) => (Number.isNaN(p) ? p : Math.min(1, Math.max(0, p)));

/** p · 2^e without overflowing the intermediate power of two. */
function ldexp(p: number, e: number): number {
  let out = p;
  let rest = e;
  while (rest > 1000) {
    out *= 2 ** 1000;
    rest -= 1000;
  }
  while (rest < -1000) {
    out *= 2 ** -1000;
    rest += 1000;
  }
  return out * 2 ** rest;
}

/** ln k! — summed exactly below 256, Stirling's series above (error < 1e-15 relative there). */
const LOG_FACT: number[] = [0];
for (let k = 1; k < 256; k++) LOG_FACT.push((LOG_FACT[k - 1] ?? 0) + Math.log(k));
function logFactorial(k: number): number {
  const small = LOG_FACT[k];
  if (small !== undefined) return small;
  const x = k + 1;
  const r = 1 / x;
  const r2 = r * r;
  return (
    (x - 0.5) * Math.log(x) -
    x +
    0.5 * Math.log(2 * Math.PI) +
    r * (1 / 12 - r2 * (1 / 360 - r2 * (1 / 1260 - r2 / 1680)))
  );
}

/**
 * One-sided P(D_n⁺ ≥ x), exact (Birnbaum–Tingey sum, in log space): scipy.special.smirnov(n, x).
 */
export function smirnovSf(n: number, x: number): number {
  if (!Number.isInteger(n) || n <= 0 || Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 1;
  if (x >= 1) return 0;
  // Massart's bound P ≤ e^(−2nx²) is below the smallest double: skip the O(n) sum.
  if (2 * n * x * x > 746) return 0;
  const last = Math.floor(n * (1 - x));
  const logN = logFactorial(n);
  const logs: number[] = [];
  for (let j = 0; j <= last; j++) {
    const low = (n - j - n * x) / n; // 1 − x − j/n without cancellation
    const high = x + j / n;
    if (low <= 0 && n - j > 0) continue;
    const logLow = n - j === 0 ? 0 : (n - j) * Math.log(low);
    logs.push(logN - logFactorial(j) - logFactorial(n - j) + logLow + (j - 1) * Math.log(high));
  }
  if (logs.length === 0) return 0;
  let top = Number.NEGATIVE_INFINITY;
  for (const l of logs) if (l > top) top = l;
  let sum = 0;
  for (const l of logs) sum += Math.exp(l - top);
  return clip(x * sum * Math.exp(top));
}

type Matrix = Float64Array;

function matmul(a: Matrix, b: Matrix, m: number): Matrix {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < m; k++) {
      const aik = a[i * m + k] ?? 0;
      if (aik === 0) continue;
      for (let j = 0; j < m; j++) out[i * m + j] = (out[i * m + j] ?? 0) + aik * (b[k * m + j] ?? 0);
    }
  }
  return out;
}

/** P(D_n ≤ d), exact: Durbin's matrix method as Marsaglia, Tsang & Wang (2003) evaluate it. */
export function durbinCdf(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let fac = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = fac;
    fac /= j;
    v[j - 1] = (1 - h ** j) * fac;
  }
  v[m - 1] = (1 + (Math.max(2 * h - 1, 0) ** m - 2 * h ** m)) * fac;
  let H: Matrix = new Float64Array(m * m);
  for (let i = 1; i < m; i++) for (let r = i - 1; r < m; r++) H[r * m + i] = w[r - i + 1] ?? 0;
  for (let r = 0; r < m; r++) H[r * m] = v[r] ?? 0;
  for (let c = 0; c < m; c++) H[(m - 1) * m + c] = v[m - 1 - c] ?? 0;

  const kk = (k - 1) * m + (k - 1);
  let P: Matrix = new Float64Array(m * m);
  for (let i = 0; i < m; i++) P[i * m + i] = 1;
  let expnt = 0;
  let hExpnt = 0;
  for (let nn = n; nn > 0; nn = Math.floor(nn / 2)) {
    if (nn % 2 === 1) {
      P = matmul(P, H, m);
      expnt += hExpnt;
      // Not in scipy: also rescale the running product, which cannot change the result but keeps
      // long products of scaled powers from overflowing.
      if (Math.abs(P[kk] ?? 0) > EP128) {
        for (let i = 0; i < P.length; i++) P[i] = (P[i] ?? 0) * EM128;
        expnt += 128;
      }
    }
    H = matmul(H, H, m);
    hExpnt *= 2;
    if (Math.abs(H[kk] ?? 0) > EP128) {
      for (let i = 0; i < H.length; i++) H[i] = (H[i] ?? 0) * EM128;
      hExpnt += 128;
    }
  }
  let p = P[kk] ?? 0;
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < EM128) {
      p *= EP128;
      expnt -= 128;
    }
  }
  return clip(ldexp(p, expnt));
}

/** Pelz–Good (1976) approximation of P(D_n ≤ x), for large n and small n·x². */
export function pelzGoodCdf(n: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const z = Math.sqrt(n) * x;
  const z2 = z * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const qlog = -PI2 / 8 / z2;
  if (qlog < -708) return 0;
  let q = Math.exp(qlog);
  const k1a = -z2;
  const k1b = PI2 / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * PI2) / 4;
  const k2c = (PI4 * (1 - 2 * z2)) / 16;
  const k3d = (PI6 * (5 - 30 * z2)) / 64;
  const k3c = (PI4 * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (PI2 * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * z4 * z4;
  const K = [0, 0, 0, 0];
  const maxk = Math.ceil((16 * z) / Math.PI);
  for (let k = maxk; k > 0; k--) {
    const m = 2 * k - 1;
    const m2 = m * m;
    const qp = q ** (8 * k);
    const c = [
      1,
      k1a + k1b * m2,
      k2a + k2b * m2 + k2c * m2 * m2,
      k3a + k3b * m2 + k3c * m2 * m2 + k3d * m2 ** 3,
    ];
    for (let i = 0; i < 4; i++) K[i] = (K[i] ?? 0) * qp + (c[i] ?? 0);
  }
  const div = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10];
  for (let i = 0; i < 4; i++) K[i] = ((K[i] ?? 0) * q * SQRT2PI) / (div[i] ?? 1);
  q = Math.exp(-PI2 / 2 / z2);
  let k2extra = 0;
  let k3extra = 0;
  const s3z = Math.sqrt(3) * z;
  for (let k = maxk; k > 0; k--) {
    const qk = q ** (k * k);
    k2extra += k * k * qk;
    k3extra += (s3z + Math.PI * k) * (s3z - Math.PI * k) * k * k * qk;
  }
  K[2] = (K[2] ?? 0) + (k2extra * PI2 * SQRT2PI) / (-36 * z2 * z);
  K[3] = (K[3] ?? 0) + (k3extra * PI2 * SQRT2PI) / (216 * z6);
  let sum = 0;
  for (let i = 0; i < 4; i++) sum += (K[i] ?? 0) / n ** (i / 2);
  return sum;
}

/**
 * Two-sided one-sample P(D_n ≥ x): scipy.stats.kstwo.sf(x, n). NaN when n is not a positive integer.
 * Where scipy uses Pomeranz's recursion (n ≤ 140, 0.754693 < n·x² ≤ 4) this uses Durbin's matrix:
 * both are exact, so the value is the same.
 */
export function kstwoSf(n: number, x: number): number {
  if (!Number.isInteger(n) || n <= 0 || Number.isNaN(x)) return Number.NaN;
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    // Ruben–Gambino: P(D_n ≤ x) = n!/nⁿ · (2t − 1)ⁿ for 1/2n < x ≤ 1/n.
    let p = 1;
    for (let i = 1; i <= n; i++) p *= i * (1 / n) * (2 * t - 1);
    return clip(1 - p);
  }
  if (t >= n - 1) return clip(2 * (1 - x) ** n);
  if (x >= 0.5) return clip(2 * smirnovSf(n, x));
  const nx2 = t * x;
  if (n <= 140) {
    if (nx2 <= 4) return clip(1 - durbinCdf(n, x));
    return clip(2 * smirnovSf(n, x));
  }
  if (nx2 >= 370) return 0;
  if (nx2 >= 2.2) return clip(2 * smirnovSf(n, x));
  let cdf: number;
  if (nx2 >= 18) cdf = 1;
  else if (n <= 100_000 && n * x ** 1.5 <= 1.4) cdf = durbinCdf(n, x);
  else cdf = pelzGoodCdf(n, x);
  return clip(1 - cdf);
}

/**
 * Limiting distribution: Q(λ) = P(K > λ) = 2 Σ (−1)^(k−1) e^(−2k²λ²) (scipy.special.kolmogorov).
 * Below λ = 1 the Jacobi-theta form of the CDF converges faster and avoids cancellation.
 */
export function kolmogorovSf(lambda: number): number {
  if (Number.isNaN(lambda)) return Number.NaN;
  if (lambda <= 0) return 1;
  if (lambda < 1) {
    const a = -PI2 / (8 * lambda * lambda);
    let cdf = 0;
    for (let k = 1; k < 20; k++) {
      const term = Math.exp(a * (2 * k - 1) ** 2);
      cdf += term;
      if (term < 1e-17 * cdf) break;
    }
    return clip(1 - (SQRT2PI / lambda) * cdf);
  }
  let sf = 0;
  for (let k = 1; k < 100; k++) {
    const term = Math.exp(-2 * k * k * lambda * lambda);
    sf += k % 2 === 1 ? term : -term;
    if (term < 1e-17) break;
  }
  return clip(2 * sf);
}
