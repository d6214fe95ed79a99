import { describe, expect, it } from 'vitest';
import {
  defaultTemplateFor,
  draftComplaint,
  FILL_IN_PATTERN,
  mailtoUrl,
  TEMPLATE_IDS,
  TEMPLATES,
  type TemplateId,
} from '../../../utils/complaint';
import { MAX_LISTED_STALLS, stallTimes } from '../../../utils/complaint/words';
import { evidenceNames } from '../../../utils/evidence/names';
import type { EvidenceSettings } from '../../../utils/evidence/settings';
import { totalsOf } from '../../../utils/evidence/totals';
import { formatDuration } from '../../../utils/metrics/format';
import { buildFixture, session, T0 } from '../evidence/fixtures';

const LOCALE = { en: 'en-US', de: 'de-DE', fr: 'fr-FR' } as const;

async function draft(
  id: TemplateId,
  settings?: EvidenceSettings,
  over: Parameters<typeof buildFixture>[0] = {},
) {
  const file = await buildFixture({ ...over, ...(settings ? { settings } : {}) });
  return { file, d: draftComplaint(file, evidenceNames(file), id) };
}

describe('complaint templates', () => {
  for (const id of TEMPLATE_IDS) {
    describe(id, () => {
      it('is fully filled: no placeholder left but recognisable fill-in markers for user-only details', async () => {
        for (const settings of [{ isp: 'Example Telecom', planDownKbps: 100_000, country: 'US-CA' }, {}]) {
          const { d } = await draft(id, settings);
          const text = `${d.subject}\n${d.body}`;
          expect(text).not.toMatch(/\{\{|\}\}|\$\{|undefined|NaN|Infinity|\bnull\b|\[object/);
          // Every bracketed span is a deliberate fill-in marker.
          const bracketed = text.match(/\[[^\]\n]*\]/g) ?? [];
          const markers = text.match(FILL_IN_PATTERN) ?? [];
          expect(bracketed).toEqual(markers);
          expect(d.fillIns).toEqual(markers);
          expect(markers.length).toBeGreaterThanOrEqual(3);
          // The user's name and an account/customer reference are always left to fill in.
          expect(markers.some((m) => /NAME|NOM/.test(m))).toBe(true);
          expect(markers.some((m) => /ACCOUNT|CUSTOMER|KUNDENNUMMER|RÉFÉRENCE CLIENT/.test(m))).toBe(true);
          expect(d.channels.length).toBeGreaterThan(0);
          for (const c of d.channels) expect(c.label).not.toMatch(FILL_IN_PATTERN);
        }
      });

      it('states the stall figures, times with timezone, the service, the digest and the attachments', async () => {
        const { file, d } = await draft(id);
        const locale = LOCALE[TEMPLATES[id].lang];
        const t = totalsOf(file.sessions.filter((s) => s.role === 'subject'));
        expect(t.stallCount).toBe(6);
        expect(d.body).toMatch(new RegExp(`: ${t.stallCount}, `));
        expect(d.body).toContain(formatDuration(t.stallMs, locale));
        expect(d.body).toContain(formatDuration(12_000 + 7000, locale)); // one session's stall time (19 s)
        expect(d.body).toContain('UTC+01:00');
        expect(d.body).toContain('2026-11-20 20:00');
        expect(d.body).toContain('Netflix');
        expect(d.body).toContain('YouTube'); // the same-time comparison
        expect(d.body).toContain(file.chain.digest);
        for (const name of evidenceNames(file).all) expect(d.body).toContain(name);
      });

      it("lists each stall's local time and duration on its session's line", async () => {
        const { file, d } = await draft(id);
        const locale = LOCALE[TEMPLATES[id].lang];
        const subjects = file.sessions.filter((s) => s.role === 'subject');
        expect(subjects.flatMap((s) => s.stalls)).toHaveLength(6);
        for (const s of subjects) {
          const stamp = `- ${s.start.slice(0, 10)} ${s.start.slice(11, 16)}–`;
          const line = d.body.split('\n').find((l) => l.startsWith(stamp));
          expect(line, `a line for ${s.id}`).toBeDefined();
          for (const st of s.stalls) {
            expect(line).toContain(`${st.start.slice(11, 19)} (${formatDuration(st.durationMs, locale)}`);
          }
        }
      });

      it('fills in what the user stated and marks what is missing, never inventing it', async () => {
        const given = (await draft(id, { isp: 'Example Telecom', planDownKbps: 100_000 })).d;
        const missing = (await draft(id, {})).d;
        const text = (x: typeof given) => `${x.subject}\n${x.body}`;
        expect(text(given)).toContain('Example Telecom');
        expect(text(given)).toMatch(/100 Mbps/);
        expect(text(missing)).not.toContain('Example Telecom');
        expect(missing.fillIns.some((m) => /ISP|ANBIETER|FOURNISSEUR/.test(m))).toBe(true);
        expect(missing.fillIns.length).toBeGreaterThan(given.fillIns.length);
      });

      it('names the confounders that apply', async () => {
        const { d } = await draft(id);
        const lang = TEMPLATES[id].lang;
        const hidden = { en: 'background', de: 'Hintergrund', fr: 'arrière-plan' }[lang];
        expect(d.body).toContain(hidden);
      });
    });
  }

  it('US letters rest on advertised and label speeds, not on federal net-neutrality rules', async () => {
    for (const id of ['us-isp', 'us-fcc'] as const) {
      const { d } = await draft(id, { country: 'US-TX' });
      expect(d.body).toContain('Broadband Facts label');
      expect(d.body).not.toMatch(/net neutrality|open internet|Title II|2024 order/i);
    }
    const ca = (await draft('us-state-ag', { country: 'US-CA' })).d;
    expect(ca.body).toContain('SB-822');
    expect(ca.body).not.toMatch(/FCC.{0,40}(rule|order)/i);
    const tx = (await draft('us-state-ag', { country: 'US-TX' })).d;
    expect(tx.body).not.toContain('SB-822');
    expect(tx.fillIns.some((m) => m.includes('STATE LAW'))).toBe(true);
  });

  it('each jurisdiction cites its own channel', async () => {
    const body = async (id: TemplateId, country?: string) =>
      (await draft(id, country ? { country } : {})).d.body;
    expect(await body('eu-isp')).toMatch(/2015\/2120[\s\S]*Article 4\(4\)[\s\S]*Article 3\(3\)/);
    expect(await body('eu-regulator', 'IT')).toContain('To AGCOM,');
    expect(await body('uk-isp')).toMatch(/Ofcom[\s\S]*30 days/);
    expect(await body('de-isp')).toMatch(
      /Breitbandmessung[\s\S]*30 Messungen an 3 verschiedenen Kalendertagen/,
    );
    expect(await body('fr-arcep')).toContain("l'Arcep");
  });

  it('says so plainly when the data shows no problem, and never claims a cause', async () => {
    const smooth = [
      session({
        id: 'nflx-good-0001',
        service: 'netflix',
        host: 'www.netflix.com',
        start: T0,
        seconds: 1800,
      }),
    ];
    const { d } = await draft('generic', undefined, { subjects: smooth, comparisons: [] });
    expect(d.severity).toBe('none');
    expect(d.body).toContain(
      'These figures show no significant stalling or loss of picture quality for Netflix.',
    );
    expect(d.subject).toMatch(/^Video playback quality/);
    for (const id of TEMPLATE_IDS) {
      const x = (await draft(id)).d;
      expect(x.body).not.toMatch(/\b(is|are) throttling\b|\bdeliberately\b|\billegal(ly)?\b|\bdrosselt\b/i);
    }
  });

  it('without other services at the same time, says there is no comparison', async () => {
    const { d } = await draft('us-isp', undefined, { comparisons: [] });
    expect(d.body).toContain('so there is no same-time comparison');
    expect(d.body).toContain('do not show where the problem lies');
  });

  it('lists at most 12 sessions one by one and points to the attachments for the rest', async () => {
    const many = Array.from({ length: 15 }, (_, i) =>
      session({
        id: `nflx-many-${String(i).padStart(4, '0')}`,
        service: 'netflix',
        host: 'www.netflix.com',
        start: T0 + i * 86_400_000,
        seconds: 60,
        stalls: [[10, 1000 * (i + 1), 'network']],
      }),
    );
    const { d } = await draft('us-isp', undefined, { subjects: many, comparisons: [] });
    expect(d.body.match(/^- 2026-\d\d-\d\d \d\d:\d\d–/gm)).toHaveLength(12);
    expect(d.body).toContain('all 15 are in the attached files');
  });

  it('opens the mail client with subject and body, CRLF line breaks, percent-encoded', async () => {
    const { d } = await draft('us-isp');
    const url = mailtoUrl(d.subject, d.body);
    expect(url.startsWith('mailto:?subject=')).toBe(true);
    const params = new URLSearchParams(url.slice('mailto:?'.length).replace(/\+/g, '%2B'));
    expect(params.get('subject')).toBe(d.subject);
    expect(params.get('body')).toBe(d.body.replace(/\n/g, '\r\n'));
    expect(url).not.toMatch(/[\s"<>]/);
  });

  it('starts from the template of the user’s country', () => {
    expect(defaultTemplateFor('US-CA')).toBe('us-isp');
    expect(defaultTemplateFor('GB')).toBe('uk-isp');
    expect(defaultTemplateFor('de')).toBe('de-isp');
    expect(defaultTemplateFor('FR')).toBe('fr-arcep');
    expect(defaultTemplateFor('NL')).toBe('eu-isp');
    expect(defaultTemplateFor(undefined)).toBe('generic');
  });
});

describe('stallTimes', () => {
  const words = {
    lead: 'starting at',
    dur: (ms: number) => `${ms / 1000} s`,
    device: 'video was buffered',
    more: (k: number) => `and ${k} more`,
  };
  const stall = (start: string, durationMs: number, cause: 'network' | 'decoder' = 'network') => ({
    start,
    offsetMs: 0,
    mediaTimeS: 0,
    durationMs,
    cause,
    bufferAheadS: 0,
    tabHidden: false,
  });
  it('says nothing for no stalls, the date only past midnight, and marks decoder stalls', () => {
    const start = '2026-11-25T23:50:00.000+01:00';
    expect(stallTimes([], start, words)).toBe('');
    expect(
      stallTimes(
        [
          stall('2026-11-25T23:55:01.250+01:00', 2000),
          stall('2026-11-26T00:05:09.000+01:00', 500, 'decoder'),
        ],
        start,
        words,
      ),
    ).toBe('starting at 23:55:01 (2 s), 2026-11-26 00:05:09 (0.5 s; video was buffered)');
  });
  it(`lists at most ${MAX_LISTED_STALLS} and counts the rest`, () => {
    const many = Array.from({ length: MAX_LISTED_STALLS + 3 }, (_, i) =>
      stall(`2026-11-25T20:${String(10 + i).padStart(2, '0')}:00.000+01:00`, 1000),
    );
    const out = stallTimes(many, '2026-11-25T20:00:00.000+01:00', words);
    expect(out.match(/\(1 s\)/g)).toHaveLength(MAX_LISTED_STALLS);
    expect(out).toMatch(/20:19:00 \(1 s\) and 3 more$/);
  });
});

describe('uk-isp: the wait before ADR', () => {
  it('is six weeks for a letter from 8 April 2026, eight before, and names the deadlock letter and both schemes', async () => {
    const file = await buildFixture();
    const at = (generatedAt: string) =>
      draftComplaint({ ...file, generatedAt }, evidenceNames(file), 'uk-isp').body;
    expect(at('2026-04-08T09:00:00.000+01:00')).toContain('not resolved within six weeks');
    expect(at('2026-04-07T23:00:00.000+01:00')).toContain('not resolved within eight weeks');
    const body = at(file.generatedAt);
    expect(body).toContain('deadlock letter');
    expect(body).toContain('Communications Ombudsman or CISAS');
  });
});

describe('de-isp: the Breitbandmessung campaign and § 57 (4) TKG', () => {
  it('states the campaign rules and both remedies', async () => {
    const file = await buildFixture();
    const body = draftComplaint(file, evidenceNames(file), 'de-isp').body;
    expect(body).toContain('30 Messungen an 3 verschiedenen Kalendertagen');
    expect(body).toContain('innerhalb von höchstens 14 Kalendertagen, per LAN-Kabel');
    expect(body).toContain('§ 57 Abs. 4 TKG das vertraglich vereinbarte Entgelt mindern');
    expect(body).toContain('ohne Einhaltung einer Kündigungsfrist kündigen');
  });
});
