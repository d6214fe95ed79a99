import { t } from '@/utils/i18n';
import { formatNumber, formatPercent } from '@/utils/metrics/format';
import { FORMULAS, OVERALL_WEIGHTS, SCORE_FORMULA_VERSION } from '@/utils/metrics/scores';
import { type ScoreInputs, type SessionScores, scoreText, scoreTone } from './session-scores';

export type ScoreKey = 'overall' | 'startup' | 'smoothness' | 'picture';

/** Score names in the UI language (the formulas themselves stay code). */
export const scoreLabel = (key: ScoreKey): string =>
  ({
    overall: t('scoreOverall'),
    startup: t('scoreStartup'),
    smoothness: t('scoreSmoothness'),
    picture: t('scorePicture'),
  })[key];
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

/** The values each formula was given, in words. */
export function inputsText(key: ScoreKey, i: ScoreInputs, locale?: string): string {
  const fixed = (n: number | null, digits: number) => formatNumber(n, locale, digits);
  switch (key) {
    case 'startup':
      return t('inputsStartup', fixed(i.startupS, 2));
    case 'smoothness':
      return t(
        'inputsSmoothness',
        fixed(i.stalls, 0),
        fixed(i.rebuffer, 4),
        formatPercent(i.rebuffer, locale, 2),
      );
    case 'picture':
      return t('inputsPicture', fixed(i.upAvg, 2), fixed(i.upMax, 2), fixed(i.share720, 3));
    case 'overall': {
      const w = OVERALL_WEIGHTS;
      const weight = (n: number) => formatNumber(n, locale, String(n).split('.')[1]?.length ?? 0);
      return t('inputsOverall', weight(w.startup), weight(w.smoothness), weight(w.picture));
    }
  }
}

export function ScoreList({ scores, testIdPrefix = '', note, locale }: ScoreListProps) {
  return (
    <section class="scores" aria-label={t('scoresLabel')}>
      <ul class="score-grid">
        {ORDER.map((key) => {
          const value = scores ? scores[key] : null;
          return (
            <li key={key} class={`score tone-${scoreTone(value)}`}>
              <span class="score-name">{scoreLabel(key)}</span>
              <span
                class="score-value"
                data-testid={`${testIdPrefix}score-${key}`}
                data-value={value === null ? '' : String(value)}
              >
                {scoreText(value)}
              </span>
              <details class="formula">
                <summary>
                  <span aria-hidden="true">{t('formula')}</span>
                  <span class="sr-only">{t('formulaOf', scoreLabel(key))}</span>
                </summary>
                <code data-testid={`${testIdPrefix}formula-${key}`}>{FORMULAS[key]}</code>
                {scores && <p class="muted">{inputsText(key, scores.inputs, locale)}</p>}
              </details>
            </li>
          );
        })}
      </ul>
      <p class="muted small">
        {note ? `${note} ` : ''}
        {t('scoresFooter', String(SCORE_FORMULA_VERSION))}
      </p>
    </section>
  );
}
