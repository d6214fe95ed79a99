import { formatPercent, UNKNOWN } from '@/utils/metrics/format';
import { FORMULAS, OVERALL_WEIGHTS, SCORE_FORMULA_VERSION } from '@/utils/metrics/scores';
import { type ScoreInputs, type SessionScores, scoreText, scoreTone } from './session-scores';

export type ScoreKey = 'overall' | 'startup' | 'smoothness' | 'picture';

export const SCORE_LABELS: Record<ScoreKey, string> = {
  overall: 'Overall',
  startup: 'Startup',
  smoothness: 'Smoothness',
  picture: 'Picture',
};
const ORDER: readonly ScoreKey[] = ['overall', 'startup', 'smoothness', 'picture'];

export interface ScoreListProps {
  /** null: no saved totals to score yet. */
  scores: SessionScores | null;
  /** Prefix of the data-testids: '' gives `score-overall`, 'detail-' gives `detail-score-overall`. */
  testIdPrefix?: string;
  /** Shown under the scores, e.g. where the numbers come from. */
  note?: string;
  locale?: string;
}

const fixed = (n: number | null, digits: number) => (n === null ? UNKNOWN : n.toFixed(digits));

/** The values each formula was given, in words. */
export function inputsText(key: ScoreKey, i: ScoreInputs, locale?: string): string {
  switch (key) {
    case 'startup':
      return `startup seconds = ${fixed(i.startupS, 2)}`;
    case 'smoothness':
      return `stalls = ${i.stalls}, rebuffer fraction = ${fixed(i.rebuffer, 4)} (${formatPercent(i.rebuffer, locale, 2)} of watch time)`;
    case 'picture':
      return `upscale avg = ${fixed(i.upAvg, 2)}, upscale max = ${i.upMax.toFixed(2)}, share of time ≥ 720p = ${fixed(i.share720, 3)}`;
    case 'overall': {
      const w = OVERALL_WEIGHTS;
      return `weights startup ${w.startup}, smoothness ${w.smoothness}, picture ${w.picture}`;
    }
  }
}

export function ScoreList({ scores, testIdPrefix = '', note, locale }: ScoreListProps) {
  return (
    <section class="scores" aria-label="Quality scores (0–100, higher is better)">
      <ul class="score-grid">
        {ORDER.map((key) => {
          const value = scores ? scores[key] : null;
          return (
            <li key={key} class={`score tone-${scoreTone(value)}`}>
              <span class="score-name">{SCORE_LABELS[key]}</span>
              <span
                class="score-value"
                data-testid={`${testIdPrefix}score-${key}`}
                data-value={value === null ? '' : String(value)}
              >
                {scoreText(value)}
              </span>
              <details class="formula">
                <summary>
                  Formula<span class="sr-only"> of the {SCORE_LABELS[key].toLowerCase()} score</span>
                </summary>
                <code data-testid={`${testIdPrefix}formula-${key}`}>{FORMULAS[key]}</code>
                {scores && <p class="muted">{inputsText(key, scores.inputs, locale)}</p>}
              </details>
            </li>
          );
        })}
      </ul>
      <p class="muted small">
        {note ? `${note} ` : ''}Open formulas, version {SCORE_FORMULA_VERSION}; see docs/scores.md.
      </p>
    </section>
  );
}
