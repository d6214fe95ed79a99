/**
 * The four open scores of one session's stored totals, with the inputs each formula used, so the UI
 * can show "what went in" beside the formula. Pure: totals in, numbers out (utils/metrics/scores.ts).
 */

import { meanUpscale, rebufferFraction, share720 } from '@/utils/metrics/aggregate';
import { UNKNOWN } from '@/utils/metrics/format';
import { overallScore, pictureScore, smoothnessScore, startupScore } from '@/utils/metrics/scores';
import type { Aggregates } from '@/utils/schema/playback';

export interface ScoreInputs {
  startupS: number | null;
  stalls: number;
  rebuffer: number | null;
  upAvg: number | null;
  upMax: number;
  share720: number | null;
}

export interface SessionScores {
  startup: number | null;
  smoothness: number | null;
  picture: number | null;
  overall: number | null;
  inputs: ScoreInputs;
}

export function scoresOf(agg: Aggregates): SessionScores {
  const inputs: ScoreInputs = {
    startupS: agg.startupMs === null ? null : agg.startupMs / 1000,
    stalls: agg.stallCount,
    rebuffer: rebufferFraction(agg),
    upAvg: meanUpscale(agg),
    upMax: agg.upMax,
    share720: share720(agg),
  };
  const startup = startupScore(inputs.startupS);
  // No watch time yet means no smoothness to speak of, not a perfect one.
  const smoothness = inputs.rebuffer === null ? null : smoothnessScore(inputs.stalls, inputs.rebuffer);
  const picture =
    inputs.upAvg === null || inputs.share720 === null
      ? null
      : pictureScore(inputs.upAvg, inputs.upMax, inputs.share720);
  return { startup, smoothness, picture, overall: overallScore({ startup, smoothness, picture }), inputs };
}

/** Scores show as whole numbers; the raw value stays available in a data attribute. */
export function scoreText(score: number | null): string {
  return score === null || !Number.isFinite(score) ? UNKNOWN : String(Math.round(score));
}

export type Tone = 'good' | 'warn' | 'bad' | 'none';

/** Colour band of a score; the number is always printed too, so colour is never the only signal. */
export function scoreTone(score: number | null): Tone {
  if (score === null || !Number.isFinite(score)) return 'none';
  return score >= 80 ? 'good' : score >= 50 ? 'warn' : 'bad';
}
