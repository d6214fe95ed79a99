/** The complaint cites the same-hour verdicts of the evidence file: differentiation and undecided, never "no difference". */
import { describe, expect, it } from 'vitest';
import { type ComplaintFacts, verdictFacts } from '@/utils/complaint/facts';
import { verdictText } from '@/utils/complaint/verdicts';
import { numbers } from '@/utils/complaint/words';
import { differentiationOf } from '@/utils/evidence/build';
import type { SessionInput } from '@/utils/evidence/record';
import type { SessionEvidence } from '@/utils/evidence/schema';
import { DAY0, HOUR, makeSession, sameEvenings } from '../analysis/history-fixtures';

const asInputs = (h: unknown) => h as SessionInput[];
const subject = (service: SessionEvidence['service'], pageHost = `www.${service}.com`) =>
  ({ service, pageHost }) as SessionEvidence;
const NAMES: Record<string, string> = { netflix: 'Netflix', youtube: 'YouTube', twitch: 'Twitch' };
const nameOf = (k: string) => NAMES[k] ?? k.replace(/^other:/, '');

const throttled = differentiationOf(
  asInputs(
    sameEvenings(
      { service: 'netflix', kbps: 1_000, brKbps: 800 },
      { service: 'youtube', kbps: 20_000, brKbps: 4_000 },
    ),
  ),
);
const equal = differentiationOf(
  asInputs(
    sameEvenings(
      { service: 'netflix', kbps: 20_000, brKbps: 4_000 },
      { service: 'youtube', kbps: 20_000, brKbps: 4_000 },
    ),
  ),
);
const apart = differentiationOf(
  asInputs([
    makeSession({ id: 'n-morning', service: 'netflix', start: DAY0 + 8 * HOUR, kbps: 1_000, brKbps: 800 }),
    makeSession({ id: 'y-evening', service: 'youtube', start: DAY0 + 20 * HOUR, kbps: 20_000, brKbps: 800 }),
  ]),
);
const letter = (verdicts: ComplaintFacts['verdicts'], lang: 'en' | 'de' | 'fr', locale: string) =>
  verdictText({ verdicts } as ComplaintFacts, lang, numbers(locale, '?'), locale);

describe('complaint: same-hour verdicts', () => {
  it('cites a differentiation with the subject as the slower side, and its figures', () => {
    const v = verdictFacts(throttled, [subject('netflix')], nameOf);
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({
      subject: 'Netflix',
      other: 'YouTube',
      verdict: 'differentiation',
      subjectSlower: true,
    });
    const en = letter(v, 'en', 'en-US');
    expect(en).toContain('Netflix against YouTube: differentiation.');
    expect(en).toContain('Netflix received clearly less throughput than YouTube');
    expect(en).toContain('KS p < 0.0001');
    expect(en).toMatch(
      /segment downloads from 3 sessions and [\d,]+ segment downloads from 3 sessions, in 3 shared clock hours/,
    );
    expect(en).toContain('does not by itself show where the difference arises');
    expect(letter(v, 'de', 'de-DE')).toContain('Netflix gegenüber YouTube: Ungleichbehandlung.');
    expect(letter(v, 'fr', 'fr-FR')).toContain('Netflix face à YouTube : différenciation.');
  });

  it('keeps the subject first when the other service was the slower one', () => {
    const v = verdictFacts(throttled, [subject('youtube')], nameOf);
    expect(v[0]).toMatchObject({ subject: 'YouTube', other: 'Netflix', subjectSlower: false });
    expect(letter(v, 'en', 'en-US')).toContain('Netflix received clearly less throughput than YouTube');
  });

  it('says why a verdict is undecided, and leaves "no difference" and unrelated pairs out', () => {
    const v = verdictFacts(apart, [subject('netflix')], nameOf);
    expect(v[0]).toMatchObject({ verdict: 'inconclusive', why: 'no-overlap' });
    expect(letter(v, 'en', 'en-US')).toContain(
      'not conclusive, because they were never used in the same hour',
    );
    expect(verdictFacts(equal, [subject('netflix')], nameOf)).toEqual([]);
    expect(verdictFacts(throttled, [subject('twitch')], nameOf)).toEqual([]);
    expect(verdictFacts(null, [subject('netflix')], nameOf)).toEqual([]);
    expect(letter([], 'en', 'en-US')).toBe('');
  });
});
