/**
 * Issue #17's letter, drafted over everything recorded: three Netflix sessions held at 1 Mbps and three
 * YouTube sessions in the same hour, none with a stall. Each contradiction it reported, in every language.
 */
import { describe, expect, it } from 'vitest';
import { heldBesideYoutube, letterOf } from './histories';

const section = (body: string, title: string) => {
  const from = body.indexOf(`${title}\n`);
  expect(from, title).toBeGreaterThanOrEqual(0);
  const rest = body.slice(from + title.length + 1);
  const end = rest.search(/\n\n[A-ZÀ-Ü][^\n]*\n/);
  return end < 0 ? rest : rest.slice(0, end);
};

describe('issue #17: the letter states only what the data shows', () => {
  it('does not say no other service played, then compare Netflix with YouTube in the same hour', async () => {
    const { draft } = await letterOf(heldBesideYoutube, 'generic');
    expect(draft.body).toContain('Netflix against YouTube');
    expect(draft.body).not.toContain('No other video service was played');
    // YouTube played in the same hour: it is the same-time comparison, not a second subject.
    expect(draft.body).toMatch(
      /Other services on the same connection[^\n]*\n- YouTube: 3 sessions, no stalls/,
    );
    expect(draft.body).toMatch(/^- Service: Netflix \(/m);
  });

  it('claims no interruptions without stalls, and quality loss only for the service that had it', async () => {
    const { draft } = await letterOf(heldBesideYoutube, 'generic');
    const suggests = section(draft.body, 'What this suggests');
    expect(suggests).not.toMatch(/interrupt/i);
    expect(suggests).toContain('Netflix');
    expect(suggests).not.toContain('YouTube');
    expect(draft.body).not.toMatch(/the stalls show/);
    const de = section((await letterOf(heldBesideYoutube, 'de-isp')).draft.body, 'Was das nahelegt');
    expect(de).not.toMatch(/Unterbrech|unterbroch/);
    expect(de).not.toContain('YouTube');
    const fr = section((await letterOf(heldBesideYoutube, 'fr-arcep')).draft.body, 'Ce que cela suggère');
    expect(fr).not.toMatch(/coup/);
    expect(fr).not.toContain('YouTube');
  });

  it('writes "1 shared clock hour" in the singular, in every language', async () => {
    const en = (await letterOf(heldBesideYoutube, 'generic')).draft.body;
    expect(en).toMatch(/in 1 shared clock hour\b(?!s)/);
    const de = (await letterOf(heldBesideYoutube, 'de-isp')).draft.body;
    expect(de).toMatch(/in 1 gemeinsamen Stunde\b/);
    const fr = (await letterOf(heldBesideYoutube, 'fr-arcep')).draft.body;
    expect(fr).toMatch(/sur 1 heure commune\b/);
  });
});
