import { describe, expect, it } from 'vitest';
import { compareServices, type PairReport } from '../../../utils/analysis/compare';
import type { SessionHistory } from '../../../utils/analysis/history';
import { isPrimeTime } from '../../../utils/analysis/prime-time';
import type { SessionDetail } from '../../../utils/db';
import { emptyAggregates } from '../../../utils/metrics/aggregate';
import { DAY0, HOUR, makeSession, sameEvenings } from './history-fixtures';

const onlyPair = (pairs: PairReport[]): PairReport => {
  expect(pairs).toHaveLength(1);
  const [p] = pairs;
  if (!p) throw new Error('no pair');
  return p;
};

/** Netflix throttled to ~1 Mbps on three evenings; YouTube gets ~20 Mbps in the same hours. */
const throttled = () => [
  ...sameEvenings(
    { service: 'netflix', kbps: 1_000, brKbps: 800, height: 480 },
    { service: 'youtube', kbps: 20_000, brKbps: 4_000, height: 1080 },
  ),
  // One Netflix morning at full speed: it sets Netflix's best bitrate but shares no hour with YouTube.
  makeSession({
    id: 'netflix-morning',
    service: 'netflix',
    start: DAY0 + 9 * HOUR,
    kbps: 20_000,
    brKbps: 5_000,
  }),
];

describe('cross-service comparison', () => {
  it('finds a throttled service, over the shared hours only', () => {
    const report = compareServices(throttled());
    const pair = onlyPair(report.pairs);
    expect(pair).toMatchObject({ a: 'netflix', b: 'youtube', verdict: 'differentiation', slower: 'netflix' });
    expect(pair.sharedHours).toBe(3);
    expect(pair.sessions).toEqual({ a: 3, b: 3 });
    // 150 requests per 10-minute session; the morning session is outside the shared hours.
    expect([pair.n1, pair.n2]).toEqual([450, 450]);
    expect(pair.area).toBeGreaterThan(10);
    expect(pair.p).toBeLessThan(1e-10);
    expect(pair.medians.a.throughputKbps).toBeGreaterThan(900);
    expect(pair.medians.a.throughputKbps).toBeLessThan(1_100);
    // Achieved 800 kbps of the 5000 kbps Netflix has shown it can deliver.
    expect(pair.medians.a.bitrateShare).toBeCloseTo(0.16, 6);
    expect(pair.medians.b.bitrateShare).toBe(1);
    expect(pair.weakened).toBe(false);
    expect(pair.confounders).toEqual([]);
    expect(pair.reasons.map((r) => r.code)).toEqual(['differentiation', 'connection-unknown']);
  });

  it('calls two services with the same throughput no differentiation', () => {
    const history = sameEvenings(
      { service: 'twitch', kbps: 8_000, brKbps: 4_000 },
      { service: 'youtube', kbps: 8_000, brKbps: 4_000 },
    );
    const pair = onlyPair(compareServices(history).pairs);
    expect(pair.verdict).toBe('no-differentiation');
    expect(pair.area).toBeLessThan(0.1);
    expect(pair.p).toBeGreaterThan(0.01);
  });

  it('is inconclusive with too few samples in the shared hours', () => {
    const history = sameEvenings(
      { service: 'netflix', kbps: 1_000, brKbps: 800, requestEveryS: 60 },
      { service: 'youtube', kbps: 20_000, brKbps: 4_000, requestEveryS: 60 },
      2,
    );
    const pair = onlyPair(compareServices(history).pairs);
    expect(pair.verdict).toBe('inconclusive');
    expect([pair.n1, pair.n2]).toEqual([20, 20]);
    expect(pair.reasons[0]?.code).toBe('too-few-samples');
  });

  it('is inconclusive from a single session per side, even when the numbers look clear', () => {
    const history = sameEvenings(
      { service: 'netflix', kbps: 1_000, brKbps: 800 },
      { service: 'youtube', kbps: 20_000, brKbps: 4_000 },
      1,
    );
    const pair = onlyPair(compareServices(history).pairs);
    expect(pair.verdict).toBe('inconclusive');
    expect(pair.reasons.map((r) => r.code)).toEqual(['too-few-sessions', 'differentiation']);
    expect(compareServices(history, { minSessions: 1 }).pairs[0]?.verdict).toBe('differentiation');
  });

  it('does not compare services that never played in the same hour', () => {
    const history = [
      makeSession({ id: 'n1', service: 'netflix', start: DAY0 + 20 * HOUR, kbps: 1_000, brKbps: 800 }),
      makeSession({ id: 'y1', service: 'youtube', start: DAY0 + 44 * HOUR, kbps: 20_000, brKbps: 4_000 }),
    ];
    const pair = onlyPair(compareServices(history).pairs);
    expect(pair.sharedHours).toBe(0);
    expect(pair.verdict).toBe('inconclusive');
    expect(pair.reasons[0]?.code).toBe('no-overlap');
  });

  it('tells sites apart that have no service of their own', () => {
    const history = sameEvenings(
      { service: 'other', pageHost: 'video.example-a.org', kbps: 1_000, brKbps: 800 },
      { service: 'other', pageHost: 'tv.example-b.net', kbps: 20_000, brKbps: 4_000 },
    ).map((h, i) => ({ ...h, session: { ...h.session, id: `other-${i}` } }));
    const pair = onlyPair(compareServices(history).pairs);
    expect([pair.a, pair.b]).toEqual(['other:tv.example-b.net', 'other:video.example-a.org']);
    expect(pair.slower).toBe('other:video.example-a.org');
  });

  it('leaves previews out unless asked', () => {
    const history = [
      ...throttled(),
      makeSession({
        id: 'h1',
        service: 'hulu',
        start: DAY0 + 20 * HOUR,
        kbps: 5_000,
        brKbps: 900,
        preview: true,
      }),
    ];
    expect(compareServices(history).services.map((s) => s.key)).toEqual(['netflix', 'youtube']);
    expect(compareServices(history, { includePreviews: true }).services.map((s) => s.key)).toContain('hulu');
  });

  it('takes the store’s getSession result as it is', () => {
    const toDetail = (h: SessionHistory): SessionDetail => ({
      session: {
        ...h.session,
        frameHost: h.session.pageHost,
        delivery: 'mse',
        preview: false,
        agg: { ...emptyAggregates(), ...h.session.agg },
      },
      samples: h.samples.map((s, seq) => ({
        ...s,
        sid: h.session.id,
        seq,
        mt: seq,
        buf: 10,
        df: 0,
        tf: 30,
        rate: 1,
      })),
      events: h.events.map((e, seq) =>
        e.kind === 'request' ? { ...e, sid: h.session.id, seq, mt: 0 } : e,
      ) as SessionDetail['events'],
    });
    // Compile-time: a SessionDetail is a SessionHistory.
    const details: SessionHistory[] = throttled().map(toDetail);
    expect(onlyPair(compareServices(details).pairs).verdict).toBe('differentiation');
  });
});

describe('prime time', () => {
  it('reads the hour on each session’s own clock', () => {
    const t = DAY0 + 20 * HOUR + 30 * 60_000; // 20:30 UTC
    expect(isPrimeTime(t, 0)).toBe(true);
    expect(isPrimeTime(t, 120)).toBe(true); // 22:30 in Berlin summer time
    expect(isPrimeTime(t, 180)).toBe(false); // 23:30
    expect(isPrimeTime(t, -300)).toBe(false); // 15:30 in New York
    expect(isPrimeTime(DAY0 + HOUR, 0, { fromHour: 22, toHour: 2 })).toBe(true); // wraps midnight
  });

  it('splits throughput and achieved/best bitrate per service', () => {
    const netflix = compareServices(throttled()).services.find((s) => s.key === 'netflix');
    expect(netflix?.bestKbps).toBe(5_000);
    const split = netflix?.primeTime;
    expect(split?.prime.throughput.n).toBe(450);
    expect(split?.offPeak.throughput.n).toBe(150);
    expect(split?.prime.throughput.medianKbps).toBeLessThan(1_100);
    expect(split?.offPeak.throughput.medianKbps).toBeGreaterThan(18_000);
    expect(split?.prime.bitrate.medianKbps).toBe(800);
    expect(split?.prime.bitrate.share).toBeCloseTo(0.16, 6);
    expect(split?.offPeak.bitrate.share).toBe(1);
    expect(split?.test.verdict).toBe('differentiation');
  });

  it('moves a session out of prime time when its clock says afternoon', () => {
    const history = [0, 1].map((d) =>
      makeSession({
        id: `ny-${d}`,
        service: 'youtube',
        start: DAY0 + d * 24 * HOUR + 20 * HOUR,
        tzOffsetMin: -300,
        kbps: 9_000,
        brKbps: 3_000,
      }),
    );
    const split = compareServices(history).services[0]?.primeTime;
    expect(split?.prime.throughput.n).toBe(0);
    expect(split?.offPeak.throughput.n).toBe(300);
    expect(split?.test.reasons[0]?.code).toBe('too-few-samples');
  });
});

describe('best offered from CMCD', () => {
  const withTop = (h: ReturnType<typeof makeSession>, tb: number, ot: 'v' | 'a' = 'v') => ({
    ...h,
    events: [...h.events, { kind: 'cmcd' as const, t: h.session.startedAt, tb, ot }],
  });
  const one = (id: string, br: number) =>
    makeSession({ id, service: 'netflix', start: DAY0 + 20 * HOUR, kbps: 20_000, brKbps: br, durationS: 60 });

  it('takes the player’s own top bitrate (video `tb`) over the highest bitrate seen', () => {
    const report = compareServices([withTop(one('cmcd-a', 2_000), 8_000), one('cmcd-b', 3_000)]);
    const netflix = report.services.find((s) => s.key === 'netflix');
    expect(netflix?.bestKbps).toBe(8_000);
    expect(netflix?.bestSource).toBe('cmcd');
    expect(netflix?.bitrate.share).toBeCloseTo(2_500 / 8_000, 1);
  });

  it('ignores audio `tb`, and a `tb` below what actually played', () => {
    const audio = compareServices([withTop(one('cmcd-c', 2_000), 128, 'a')]).services[0];
    expect(audio?.bestKbps).toBe(2_000);
    expect(audio?.bestSource).toBe('seen');
    const low = compareServices([withTop(one('cmcd-d', 2_000), 1_000)]).services[0];
    expect(low?.bestKbps).toBe(2_000);
    expect(low?.bestSource).toBe('seen');
  });
});
