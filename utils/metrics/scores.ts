/**
 * Open 0–100 scores in the shapes Mux publishes (REFERENCE.md), with the formula shown beside each.
 * Picture: upscaling is the visible harm; time below 720p costs at most a further 25 % on top, so SD
 * shown at its native size in a small player still scores ≥ 75. Overall: a weighted geometric mean, so a
 * bad part cannot hide behind good ones. Bump SCORE_FORMULA_VERSION whenever a formula changes.
 */
export const SCORE_FORMULA_VERSION = 1;

export const OVERALL_WEIGHTS = { startup: 0.2, smoothness: 0.5, picture: 0.3 } as const;
export type ScorePart = keyof typeof OVERALL_WEIGHTS;

export const FORMULAS: Record<ScorePart | 'overall', string> = {
  startup: '100 · 8 / (8 + startup seconds)',
  smoothness: 'mean of 100 / √(1 + (stalls / 2)²) and 100 · e^(−10 · rebuffer fraction)',
  picture:
    '100 · e^(−0.33 · (0.15 · upscale max + 0.85 · upscale avg)) · (0.75 + 0.25 · share of time ≥ 720p)',
  overall: 'startup^0.2 · smoothness^0.5 · picture^0.3 (weights of missing parts shared out)',
};

const ok = (...ns: number[]) => ns.every(Number.isFinite);
const clamp01 = (n: number) => Math.min(1, Math.max(0, n));

export function startupScore(startupS: number | null): number | null {
  if (startupS === null || !ok(startupS)) return null;
  return (100 * 8) / (8 + Math.max(0, startupS));
}

export function smoothnessScore(stalls: number, rebufferFraction: number): number | null {
  if (!ok(stalls, rebufferFraction)) return null;
  const byCount = 100 / Math.sqrt(1 + (Math.max(0, stalls) / 2) ** 2);
  const byTime = 100 * Math.exp(-10 * clamp01(rebufferFraction));
  return (byCount + byTime) / 2;
}

/** upAvg and upMax as resolution.ts's upscale(); share720 is the fraction of playing time at ≥ 720p. */
export function pictureScore(upAvg: number, upMax: number, share720: number): number | null {
  if (!ok(upAvg, upMax, share720)) return null;
  const upscaling = 100 * Math.exp(-0.33 * (0.15 * Math.max(0, upMax) + 0.85 * Math.max(0, upAvg)));
  return upscaling * (0.75 + 0.25 * clamp01(share720));
}

/** Weighted geometric mean of the parts present; null when none is. */
export function overallScore(parts: Record<ScorePart, number | null>): number | null {
  let weight = 0;
  let logSum = 0;
  for (const key of Object.keys(OVERALL_WEIGHTS) as ScorePart[]) {
    const v = parts[key];
    if (v === null || !ok(v)) continue;
    weight += OVERALL_WEIGHTS[key];
    logSum += OVERALL_WEIGHTS[key] * Math.log(Math.max(v, 1e-9));
  }
  return weight > 0 ? Math.exp(logSum / weight) : null;
}
