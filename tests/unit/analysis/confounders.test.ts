import { describe, expect, it } from 'vitest';
import { compareServices } from '../../../utils/analysis/compare';
import { codecFamily, type EventInfo, servingHost } from '../../../utils/analysis/history';
import { DAY0, HOUR, makeSession, type SessionSpec, sameEvenings } from './history-fixtures';

const evening = (d: number) => DAY0 + d * 24 * HOUR + 20 * HOUR;
const yt = (id: string, d: number, extra: Partial<SessionSpec> = {}) =>
  makeSession({
    id,
    service: 'youtube',
    start: evening(d) + 30 * 60_000,
    kbps: 20_000,
    brKbps: 4_000,
    ...extra,
  });
const nf = (id: string, d: number, extra: Partial<SessionSpec> = {}) =>
  makeSession({ id, service: 'netflix', start: evening(d), kbps: 1_000, brKbps: 800, height: 480, ...extra });

const kindsOf = (report: ReturnType<typeof compareServices>, id: string) =>
  report.sessions.find((s) => s.id === id)?.confounders ?? [];

describe('session confounders', () => {
  const report = compareServices([
    nf('n-clean', 0),
    nf('n-dropped', 1, { droppedRatio: 0.05 }),
    nf('n-few-drops', 2, { droppedRatio: 0.04 }),
    yt('y-small', 0, { display: { w: 480, h: 270 } }),
    yt('y-hidden', 1, { hiddenShare: 0.4 }),
    // 20 Mbps of throughput for a 1.5 Mbps 480p stream, while YouTube played 1080p elsewhere: a cap.
    yt('y-capped', 2, { height: 480, brKbps: 1_500 }),
    yt('y-wifi', 3, { connection: { type: 'wifi' } }),
  ]);

  it('finds nothing in a clean session', () => {
    expect(kindsOf(report, 'n-clean')).toEqual([]);
  });

  it('flags dropped frames from 5 % up only (the shared threshold)', () => {
    expect(kindsOf(report, 'n-dropped')).toEqual(['dropped-frames']);
    expect(kindsOf(report, 'n-few-drops')).toEqual([]);
  });

  it('flags a small player, a hidden tab, a resolution cap with ample throughput, and Wi-Fi', () => {
    expect(kindsOf(report, 'y-small')).toEqual(['small-player']);
    expect(kindsOf(report, 'y-hidden')).toEqual(['hidden-tab']);
    expect(kindsOf(report, 'y-capped')).toEqual(['resolution-cap']);
    expect(kindsOf(report, 'y-wifi')).toEqual(['wireless']);
  });

  it('does not call a low resolution a cap when throughput was not ample', () => {
    // Netflix at 480p, but 1 Mbps of throughput for 800 kbps of video is no headroom.
    expect(kindsOf(report, 'n-clean')).not.toContain('resolution-cap');
  });

  it('reports them per side and weakens the verdict', () => {
    const pair = report.pairs[0];
    expect(pair?.verdict).toBe('differentiation');
    expect(pair?.weakened).toBe(true);
    expect(pair?.reasons.map((r) => r.code)).toContain('confounded');
    const nDropped = pair?.confounders.find((c) => c.kind === 'dropped-frames');
    expect(nDropped).toMatchObject({ side: 'netflix', sessions: 1, of: 3 });
    expect(pair?.confounders.filter((c) => c.side === 'youtube').map((c) => c.kind)).toEqual(
      expect.arrayContaining(['small-player', 'hidden-tab', 'resolution-cap']),
    );
  });
});

describe('comparison confounders', () => {
  it('codec change within a side', () => {
    const history = sameEvenings(
      { service: 'netflix', kbps: 1_000, brKbps: 800, codec: 'video/mp4; codecs="avc1.64001F"' },
      { service: 'youtube', kbps: 20_000, brKbps: 4_000, codec: 'vp09.00.40.08' },
    );
    const av1 = makeSession({
      id: 'youtube-av1',
      service: 'youtube',
      start: evening(0) + 45 * 60_000,
      kbps: 20_000,
      brKbps: 2_500,
      codec: 'av01.0.08M.08',
    });
    const pair = compareServices([...history, av1]).pairs[0];
    const codec = pair?.confounders.filter((c) => c.kind === 'codec-change');
    expect(codec?.map((c) => c.side)).toEqual(['youtube']);
    // Two families on the YouTube side (vp09 and av01), measured against the rule's two.
    expect(codec?.[0]).toMatchObject({ value: 2, threshold: 2, sessions: 4, of: 4 });
  });

  it('different lines, request sizes and measurement sources', () => {
    const history = sameEvenings(
      {
        service: 'netflix',
        kbps: 1_000,
        brKbps: 800,
        requestBytes: 2_000_000,
        connection: { type: 'ethernet', network: 'home' },
      },
      {
        service: 'youtube',
        kbps: 20_000,
        brKbps: 4_000,
        requestBytes: 100_000,
        requestEveryS: 1,
        connection: { type: 'ethernet', network: 'office' },
      },
    );
    const kinds = compareServices(history).pairs[0]?.confounders.map((c) => c.kind);
    expect(kinds).toEqual(['mixed-connections', 'request-size']);

    const hidden = sameEvenings(
      { service: 'netflix', kbps: 1_000, brKbps: 800, timed: false },
      { service: 'youtube', kbps: 20_000, brKbps: 4_000 },
    );
    const pair = compareServices(hidden).pairs[0];
    // Netflix's hidden timing is also a session confounder of each of its sessions.
    expect(pair?.confounders.map((c) => c.kind)).toEqual(['timing-hidden', 'throughput-source']);
    // Without request sizes Netflix falls back to its 1 Hz throughput samples: 600 per session.
    expect(pair?.n1).toBe(1_800);
    expect(pair?.verdict).toBe('differentiation');
  });
});

describe('serving host', () => {
  const req = (host: string, bytes: number, timed = true): EventInfo => ({
    kind: 'request',
    t: 0,
    host,
    bytes,
    durationMs: 100,
    timed,
  });

  it('is the host that served the most bytes', () => {
    const events = [
      ...Array(3).fill(req('big.cdn', 1_000_000)),
      ...Array(10).fill(req('small.cdn', 100_000)),
    ];
    expect(servingHost(events)).toEqual({
      host: 'big.cdn',
      bytes: 3_000_000,
      requests: 3,
      share: 0.75,
      by: 'bytes',
    });
  });

  it('falls back to the request count when no host exposes sizes', () => {
    const events = [req('a.cdn', 0, false), req('b.cdn', 0, false), req('b.cdn', 0, false)];
    expect(servingHost(events)).toMatchObject({ host: 'b.cdn', by: 'requests', share: 2 / 3 });
    expect(servingHost([{ kind: 'stall', t: 0 }])).toBeNull();
  });

  it('is listed per session and per service', () => {
    const report = compareServices(
      sameEvenings(
        { service: 'netflix', kbps: 1_000, brKbps: 800, host: 'ipv4-c001.nflxvideo.example' },
        { service: 'youtube', kbps: 20_000, brKbps: 4_000, host: 'rr1.googlevideo.example' },
      ),
    );
    expect(report.sessions.find((s) => s.id === 'netflix-day0')?.servingHost?.host).toBe(
      'ipv4-c001.nflxvideo.example',
    );
    expect(report.services.find((s) => s.key === 'netflix')?.servingHosts).toEqual([
      { host: 'ipv4-c001.nflxvideo.example', sessions: 3 },
    ]);
  });
});

describe('codec families', () => {
  it('compares across profiles and levels', () => {
    expect(codecFamily('video/mp4; codecs="avc1.640028"')).toBe('avc1');
    expect(codecFamily('vp9')).toBe('vp09');
    expect(codecFamily('av01.0.08M.08')).toBe('av01');
    expect(codecFamily(undefined)).toBeNull();
  });
});

describe('connection type recorded by the browser', () => {
  it('counts as the connection when the caller gives none: Wi-Fi weakens, wired removes "connection unknown"', () => {
    const on = (type: 'wifi' | 'ethernet') => (h: ReturnType<typeof makeSession>) => ({
      ...h,
      session: { ...h.session, connection: type },
    });
    const base = sameEvenings(
      { service: 'netflix', kbps: 1_000, brKbps: 800 },
      { service: 'youtube', kbps: 20_000, brKbps: 4_000 },
    );
    const wifi = compareServices(base.map(on('wifi'))).pairs[0];
    expect(wifi?.confounders.map((c) => c.kind)).toContain('wireless');
    const wired = compareServices(base.map(on('ethernet'))).pairs[0];
    expect(wired?.verdict).toBe('differentiation');
    expect(wired?.confounders.map((c) => c.kind)).not.toContain('wireless');
    expect(wired?.reasons.map((r) => r.code)).not.toContain('connection-unknown');
    expect(compareServices(base).pairs[0]?.reasons.map((r) => r.code)).toContain('connection-unknown');
  });
});
