import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inputsText, ScoreList } from '@/components/score-list';
import { scoresOf, scoreText, scoreTone } from '@/components/session-scores';
import { emptyAggregates } from '@/utils/metrics/aggregate';
import { FORMULAS, SCORE_FORMULA_VERSION } from '@/utils/metrics/scores';
import { byId, exampleAgg, mount, text } from './fixtures';

const KEYS = ['overall', 'startup', 'smoothness', 'picture'] as const;
const doc = readFileSync(join(process.cwd(), 'docs/scores.md'), 'utf8');

describe('ScoreList', () => {
  it('shows every formula, verbatim from the code, beside its score', () => {
    const el = mount(<ScoreList scores={scoresOf(exampleAgg())} />);
    for (const key of KEYS) {
      const formula = byId(el, `formula-${key}`);
      expect(formula?.textContent).toBe(FORMULAS[key]);
      expect(formula?.closest('li')?.querySelector(`[data-testid="score-${key}"]`)).not.toBeNull();
    }
    expect(el.textContent).toContain(`version ${SCORE_FORMULA_VERSION}`);
  });

  it('shows the inputs that went into each formula', () => {
    const el = mount(<ScoreList scores={scoresOf(exampleAgg())} locale="en-US" />);
    const smooth = byId(el, 'formula-smoothness')?.parentElement?.textContent ?? '';
    expect(smooth).toContain('stalls = 2, rebuffer fraction = 0.0100');
    const picture = inputsText('picture', scoresOf(exampleAgg()).inputs);
    expect(picture).toBe('upscale avg = 0.20, upscale max = 0.50, share of time ≥ 720p = 0.900');
  });

  it('uses the test-id prefix and shows — without scores', () => {
    const el = mount(<ScoreList scores={null} testIdPrefix="detail-" />);
    expect(text(el, 'detail-score-overall')).toBe('—');
    expect(byId(el, 'score-overall')).toBeNull();
  });
});

describe('scoresOf', () => {
  it('has no smoothness or picture score without watch time, rather than a perfect one', () => {
    const s = scoresOf({ ...emptyAggregates(), startupMs: 8000 });
    expect(s.smoothness).toBeNull();
    expect(s.picture).toBeNull();
    expect(s.startup).toBe(50);
    expect(s.overall).toBeCloseTo(50, 9);
  });

  it('rounds for display and bands by tone', () => {
    expect(scoreText(83.166)).toBe('83');
    expect(scoreText(null)).toBe('—');
    expect([scoreTone(80), scoreTone(79.9), scoreTone(49), scoreTone(null)]).toEqual([
      'good',
      'warn',
      'bad',
      'none',
    ]);
  });
});

describe('docs/scores.md agrees with the code', () => {
  it('prints every formula exactly as the popup shows it, and the formula version', () => {
    for (const key of KEYS) expect(doc).toContain(FORMULAS[key]);
    expect(doc).toContain(`Formula version: **${SCORE_FORMULA_VERSION}**`);
  });

  it('has a worked example whose numbers the code reproduces', () => {
    const s = scoresOf(exampleAgg());
    for (const key of KEYS) {
      const row = doc.match(new RegExp(`^\\| ${key} \\| ([0-9.]+) \\|$`, 'm'));
      expect(row, `worked-example row for ${key}`).not.toBeNull();
      expect(s[key]).toBeCloseTo(Number(row?.[1]), 3);
    }
  });
});
