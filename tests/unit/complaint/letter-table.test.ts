/**
 * Letters drafted from varied histories, each sentence held against the evidence file it cites: the
 * services named as subjects and comparisons, every stall count and session count, the same-hour
 * figures, interruptions and quality loss only for the services that had them, plurals in every language.
 */
import { describe, expect, it } from 'vitest';
import { TEMPLATE_IDS, TEMPLATES } from '../../../utils/complaint';
import type { EvidenceFile } from '../../../utils/evidence/schema';
import { HOUR, T0 } from '../evidence/fixtures';
import { type History, held, heldBesideYoutube, letterOf, plays, smooth } from './histories';
import { type Expected, expected, hadProblem, paragraph, WRONG_PLURALS } from './oracle';

const stalling = (k: number) => ({
  ...smooth,
  stalls: Array.from({ length: k }, (_, i) => [30 + i * 40, 3000, 'network'] as [number, number, 'network']),
});
const oneStall = { ...smooth, stalls: [[100, 2000, 'network']] as Array<[number, number, 'network']> };

const HISTORIES: Record<string, History> = {
  'one service, many stalls': {
    subjects: plays(
      'netflix',
      [0, 1, 2].map((day) => ({ atMin: 0, day, ...stalling(8) })),
    ),
  },
  'one service, no problem': { subjects: plays('netflix', [{ atMin: 0, ...smooth }]) },
  'one session, one stall, background tab': {
    subjects: plays('netflix', [{ atMin: 0, ...oneStall, hiddenFrom: 300 }]),
  },
  'two services both subjects, nothing else': {
    subjects: [
      ...plays(
        'netflix',
        [0, 20].map((atMin) => ({ atMin, ...stalling(4) })),
      ),
      ...plays(
        'disney',
        [5, 25].map((atMin) => ({ atMin, ...held })),
      ),
    ],
  },
  'two subjects beside a comparison': {
    subjects: [
      ...plays(
        'netflix',
        [0, 20].map((atMin) => ({ atMin, ...stalling(4) })),
      ),
      ...plays(
        'disney',
        [5, 25].map((atMin) => ({ atMin, ...held })),
      ),
      ...plays(
        'youtube',
        [10, 30].map((atMin) => ({ atMin, ...smooth })),
      ),
    ],
  },
  'subject plus comparison (service chosen)': {
    selection: { kind: 'range', from: T0 - HOUR, to: T0 + 4 * 24 * HOUR, service: 'netflix' },
    subjects: plays(
      'netflix',
      [0, 1, 2].map((day) => ({ atMin: 0, day, ...stalling(3) })),
    ),
    comparisons: plays(
      'youtube',
      [0, 1, 2].map((day) => ({ atMin: 15, day, ...smooth })),
    ),
  },
  'no stalls, held beside YouTube in one shared hour': heldBesideYoutube,
  'held beside YouTube in several shared hours': {
    subjects: [
      ...plays(
        'netflix',
        [0, 1, 2].flatMap((day) => [0, 12].map((atMin) => ({ atMin, day, ...held }))),
      ),
      ...plays(
        'youtube',
        [0, 1, 2].flatMap((day) => [5, 17].map((atMin) => ({ atMin, day, ...smooth }))),
      ),
    ],
  },
  'a well-played service at another time is left out': {
    subjects: [
      ...plays('netflix', [{ atMin: 0, ...stalling(5) }]),
      ...plays('youtube', [{ atMin: 0, day: 2, ...smooth }]),
    ],
  },
  'many stalls, more sessions than the letter lists': {
    subjects: plays(
      'netflix',
      Array.from({ length: 14 }, (_, day) => ({ atMin: 0, day, ...stalling(day % 3) })),
    ),
  },
};

function checkEnglish(body: string, file: EvidenceFile, x: Expected) {
  const measured = paragraph(body, 'What I measured');
  const subjects = x.subjectSessions;
  const stalls = subjects.reduce((a, s) => a + s.summary.stallCount, 0);
  // Services and hosts: exactly the subjects.
  const svc = measured.match(/^- Services?: (.+) \(([^)]+)\), watched/m);
  expect(svc?.[1]?.split(', ').sort()).toEqual([...x.subjects].sort());
  const hosts = [...new Set(subjects.map((s) => s.pageHost))].sort();
  expect(svc?.[2]).toBe(hosts.join(', '));
  expect(measured).toContain(`- ${x.subjects.length === 1 ? 'Service' : 'Services'}: `);
  // Session and stall counts.
  const n = subjects.length;
  expect(measured).toMatch(new RegExp(`; ${n} playback sessions? on `));
  const stallLine = measured.match(/^- Stalls \([^)]*\): (.+)$/m)?.[1];
  expect(stallLine).toEqual(
    stalls === 0 ? 'none.' : expect.stringMatching(new RegExp(`^${stalls}, totalling`)),
  );
  if (stalls === 0) expect(body).not.toMatch(/the stalls show/);
  // Each session line names a subject session, with its own stall count.
  for (const line of measured.split('\n').filter((l) => /^- \d{4}-/.test(l))) {
    const m = line.match(
      /^- (\d{4}-\d\d-\d\d \d\d:\d\d)–\S+ \S+, (.+?) \((\S+)\): (no stalls|(\d+) stalls? totalling)/,
    );
    expect(m, line).not.toBeNull();
    const s = subjects.find(
      (r) => r.start.slice(0, 16).replace('T', ' ') === m?.[1] && r.serviceName === m?.[2],
    );
    expect(s, line).toBeDefined();
    expect(m?.[4] === 'no stalls' ? 0 : Number(m?.[5])).toBe(s?.summary.stallCount);
  }
  // Comparisons: listed with their own figures, or a true sentence that there are none.
  const listed = [...measured.matchAll(/^- (.+?): (\d+) sessions?, (no stalls|(\d+) stalls?)/gm)];
  expect(listed.map((m) => m[1]).sort()).toEqual([...x.comparisons].sort());
  for (const m of listed) {
    const f = x.figures.get(m[1] ?? '');
    expect(Number(m[2])).toBe(f?.sessions);
    expect(m[3] === 'no stalls' ? 0 : Number(m[4])).toBe(f?.stallCount);
  }
  const noOther = /No other video service was played/.test(measured);
  const onlySubjects = /No video service other than (.+) was played/.exec(measured);
  const sharedWithSubject = [...x.sharedHours].some(
    ([k, h]) => h > 0 && x.subjects.includes(k.split('|')[0] ?? ''),
  );
  if (x.comparisons.length > 0) expect(noOther || !!onlySubjects).toBe(false);
  else if (x.subjects.length > 1)
    expect(onlySubjects?.[1]?.split(/, | and /).sort()).toEqual([...x.subjects].sort());
  else expect(noOther).toBe(!sharedWithSubject);
  // Same-hour verdicts: a subject against another service, with the file's shared hours.
  for (const m of measured.matchAll(/^- (.+?) against (.+?): [\s\S]*?in (\d+) shared clock hours?\)/gm)) {
    expect(x.subjects).toContain(m[1]);
    expect(Number(m[3])).toBe(x.sharedHours.get(`${m[1]}|${m[2]}`));
    if (noOther) expect(Number(m[3])).toBe(0);
  }
  // What this suggests: interruptions and quality loss only where they were.
  const suggests = paragraph(body, 'What this suggests');
  const head = suggests.split('. ')[0] ?? '';
  for (const name of [...x.comparisons]) expect(head).not.toContain(name);
  for (const g of head.replace(/^These figures show |, though nothing severe\.?$|\.$/g, '').split('; ')) {
    const m = g.match(/^(.*) for (.+)$/);
    if (!m || /^no significant/.test(g)) continue;
    for (const name of (m[2] ?? '').split(/, | and /)) {
      const f = x.figures.get(name);
      expect(x.subjects, g).toContain(name);
      expect(/interruption/.test(m[1] ?? '')).toBe((f?.stallCount ?? 0) > 0);
      expect(/picture quality/.test(m[1] ?? '')).toBe(
        (f?.drops ?? 0) > 0 || (f?.share720 !== null && (f?.share720 ?? 1) < 0.9),
      );
    }
  }
  if (stalls === 0) expect(suggests).not.toMatch(/interrupt/i);
  if (!x.subjects.some((s) => hadProblem(x.figures.get(s) as never))) {
    expect(head).toMatch(/^These figures show no significant stalling/);
  }
  // Confounder counts are out of the subject sessions.
  for (const m of body.matchAll(/\((\d+) of (\d+) sessions\)/g)) expect(Number(m[2])).toBe(n);
  void file;
}

describe('letters hold to the evidence file they cite', () => {
  for (const [name, history] of Object.entries(HISTORIES)) {
    describe(name, () => {
      it('every English sentence is backed by the file', async () => {
        const { file, draft } = await letterOf(history, 'generic');
        checkEnglish(draft.body, file, expected(file));
      });

      it('names the same subjects, claims stalls only where there were, and writes plurals right, in every template', async () => {
        for (const id of TEMPLATE_IDS) {
          const { file, draft } = await letterOf(history, id);
          const x = expected(file);
          const lang = TEMPLATES[id].lang;
          const text = `${draft.subject}\n${draft.body}`;
          for (const re of WRONG_PLURALS[lang]) expect(text, `${id}: ${re}`).not.toMatch(re);
          const line = text.match(/^- (?:Services?|Dienste?) ?: (.+) \(/m)?.[1];
          expect(line?.split(', ').sort(), id).toEqual([...x.subjects].sort());
          const suggests = paragraph(
            text,
            { en: 'What this suggests', de: 'Was das nahelegt', fr: 'Ce que cela suggère' }[lang],
          );
          const stalls = x.subjectSessions.reduce((a, s) => a + s.summary.stallCount, 0);
          // A letter about no problem says so ("keine nennenswerten Unterbrechungen"); otherwise no stall word.
          if (stalls === 0 && draft.severity !== 'none')
            expect(suggests, id).not.toMatch(/interrupt|Unterbrech|unterbroch|coupure/i);
          const head = suggests.split(/\. /)[0] ?? '';
          for (const c of x.comparisons) expect(head, id).not.toContain(c);
        }
      });
    });
  }
});
