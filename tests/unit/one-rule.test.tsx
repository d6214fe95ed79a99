/**
 * One rule per concept, seen from every place that shows it: the same stored sessions go to the session
 * detail, Compare, the evidence builder and the complaint letter, and each names the same confounders and
 * the same HD share. Frames include the ones the old rules split on (portrait 405×720, 1216×684, scope).
 */
import { describe, expect, it } from 'vitest';
import { SessionDetailView } from '@/components/session-detail';
import { compareServices } from '@/utils/analysis/compare';
import { draftComplaint } from '@/utils/complaint';
import { complaintFacts } from '@/utils/complaint/facts';
import { CONFOUNDERS_EN } from '@/utils/complaint/text-en';
import { evidenceNames } from '@/utils/evidence/names';
import type { SessionInput } from '@/utils/evidence/record';
import { emptyAggregates, foldEvent, foldSample } from '@/utils/metrics/aggregate';
import { SESSION_CONFOUNDER_KINDS, type SessionConfounderKind } from '@/utils/metrics/confounders';
import type { Sample } from '@/utils/schema/playback';
import { byId, mount } from './components/fixtures';
import { buildFixture, DAY, type Spec, session, T0 } from './evidence/fixtures';

/** The fixture's session with each sample reshaped, and its aggregates folded again as the store does. */
function stored(spec: Spec, reshape: (s: Sample, i: number) => Partial<Sample>, over = {}): SessionInput {
  const base = session(spec);
  const samples = base.samples.map((s, i) => ({ ...s, ...reshape(s, i) }));
  let agg = emptyAggregates();
  for (const s of samples) agg = foldSample(agg, s);
  for (const e of base.events) agg = foldEvent(agg, e);
  return { session: { ...base.session, ...over, agg }, samples, events: base.events };
}

const subjects: SessionInput[] = [
  // Portrait 405×720 (SD), then 1216×684 (HD); a buffered stall; hidden the last quarter; one host hid timing.
  stored(
    {
      id: 'nflx-one-0001',
      service: 'netflix',
      host: 'www.netflix.com',
      start: T0,
      seconds: 1200,
      stalls: [[300, 3000, 'decoder']],
      hiddenFrom: 900,
      requestHosts: [{ host: 'cdn-a.example.net', timed: false }],
    },
    (_, i) => (i < 600 ? { w: 405, h: 720 } : { w: 1216, h: 684 }),
  ),
  // Scope 1280×536 (HD) in a 640×360 player, 13 % of frames dropped, the first 100 s at 1.5×.
  stored(
    {
      id: 'nflx-one-0002',
      service: 'netflix',
      host: 'www.netflix.com',
      start: T0 + DAY,
      seconds: 900,
      displayH: 360,
    },
    (_, i) => ({ w: 1280, h: 536, df: 4, tf: 30, rate: i < 100 ? 1.5 : 1 }),
  ),
];
const comparisons: SessionInput[] = [
  // Clean 1080p, on Wi-Fi.
  stored(
    {
      id: 'ytb-one-0001',
      service: 'youtube',
      host: 'www.youtube.com',
      start: T0 + 30 * 60_000,
      seconds: 600,
    },
    () => ({}),
    { connection: 'wifi' },
  ),
  // Portrait 720×1280 (HD), under a minute.
  stored(
    {
      id: 'ytb-one-0002',
      service: 'youtube',
      host: 'www.youtube.com',
      start: T0 + DAY + 1_800_000,
      seconds: 45,
    },
    () => ({ w: 720, h: 1280, dw: 608, dh: 1080 }),
  ),
];
const all = [...subjects, ...comparisons];

const EXPECTED: Record<string, SessionConfounderKind[]> = {
  'nflx-one-0001': ['decoder-stalls', 'hidden-tab', 'upscaled', 'timing-hidden'],
  'nflx-one-0002': ['dropped-frames', 'small-player', 'playback-rate'],
  'ytb-one-0001': ['wireless'],
  'ytb-one-0002': ['short-session'],
};
/** HD share of playing time: half of the first (the 1216×684 half), all of the scope and portrait 720p. */
const HD: Record<string, number> = {
  'nflx-one-0001': 0.5,
  'nflx-one-0002': 1,
  'ytb-one-0001': 1,
  'ytb-one-0002': 1,
};
const isSessionKind = (k: string): k is SessionConfounderKind =>
  (SESSION_CONFOUNDER_KINDS as readonly string[]).includes(k);

function detailView(x: SessionInput) {
  const detail = { session: x.session, samples: [...x.samples], events: [...x.events] };
  const el = mount(<SessionDetailView load={{ status: 'ready', detail }} onBack={() => {}} locale="en-US" />);
  const kinds = [...(byId(el, 'detail-confounders')?.querySelectorAll('li') ?? [])].map(
    (li) => li.dataset.note ?? '',
  );
  return { kinds, hd: Number(byId(el, 'detail-hd')?.dataset.value) };
}

describe('the same sessions in every view', () => {
  it('the session detail names the expected confounders and HD share', () => {
    for (const x of all) {
      const d = detailView(x);
      expect(d.kinds, x.session.id).toEqual(EXPECTED[x.session.id]);
      expect(d.hd, x.session.id).toBeCloseTo(HD[x.session.id] ?? Number.NaN, 2);
    }
  });

  it('Compare, the evidence file and the letter name the same ones', async () => {
    const detail = Object.fromEntries(all.map((x) => [x.session.id, detailView(x)]));
    const report = compareServices(all);
    const file = await buildFixture({ subjects, comparisons });
    for (const x of all) {
      const id = x.session.id;
      const cmp = report.sessions.find((s) => s.id === id);
      expect(cmp?.confounders.filter(isSessionKind), `compare ${id}`).toEqual(detail[id]?.kinds);
      expect(cmp?.share720, `compare ${id}`).toBeCloseTo(detail[id]?.hd ?? Number.NaN, 6);
      const rec = file.sessions.find((s) => s.id === id);
      expect(
        rec?.confounders.map((c) => c.code),
        `evidence ${id}`,
      ).toEqual(detail[id]?.kinds);
      expect(rec?.summary.share720, `evidence ${id}`).toBeCloseTo(detail[id]?.hd ?? Number.NaN, 6);
    }
    // The letter counts the subject sessions' confounders and words each one from its table.
    const facts = complaintFacts(file, evidenceNames(file));
    const counted = Object.fromEntries(facts.confounders.map((c) => [c.code, c.sessions]));
    const expected: Record<string, number> = {};
    for (const x of subjects)
      for (const k of detail[x.session.id]?.kinds ?? []) expected[k] = (expected[k] ?? 0) + 1;
    expect(counted).toEqual(expected);
    const letter = draftComplaint(file, evidenceNames(file), 'eu-isp').body;
    for (const code of Object.keys(expected))
      expect(letter).toContain(CONFOUNDERS_EN[code as SessionConfounderKind]);
    // Its HD share is the subjects' playing-time-weighted one, the same rule as each session's.
    const playing = subjects.map((x) => x.session.agg.playingMs);
    const weighted = subjects.reduce(
      (sum, x, i) => sum + (detail[x.session.id]?.hd ?? 0) * (playing[i] ?? 0),
      0,
    );
    expect(facts.subject.share720).toBeCloseTo(weighted / playing.reduce((a, b) => a + b, 0), 6);
  });
});
