/**
 * Evidence fixtures: three evenings of Netflix with stalls and a resolution drop, and YouTube playing
 * well in the same hours. Aggregates are folded from the rows with the store's own fold, as the store does.
 */
import type { StoredSession } from '../../../utils/db';
import { buildEvidence, type EvidenceEnv } from '../../../utils/evidence/build';
import type { SessionInput } from '../../../utils/evidence/record';
import { type Selection, scopeOf } from '../../../utils/evidence/scope';
import type { EvidenceSettings } from '../../../utils/evidence/settings';
import { emptyAggregates, foldEvent, foldSample } from '../../../utils/metrics/aggregate';
import type { PlaybackEvent, Sample, Service } from '../../../utils/schema/playback';

export const TZ = 60; // UTC+01:00
/** 2026-11-20 20:00 local (+01:00). */
export const T0 = Date.UTC(2026, 10, 20, 19, 0, 0);
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export interface Spec {
  id: string;
  service: Service;
  host: string;
  start: number;
  seconds: number;
  tz?: number;
  /** [second of the session, stall ms, cause] */
  stalls?: Array<[number, number, 'network' | 'decoder']>;
  /** Height per second (default 1080); width follows 16:9. */
  height?: (s: number) => number;
  bitrate?: (s: number) => number | null;
  hiddenFrom?: number;
  displayH?: number;
  requestHosts?: Array<{ host: string; timed: boolean }>;
  /** Throughput the media requests see: a timed 500 kB request every 4 s at this rate (kbps). */
  kbps?: number;
  preview?: boolean;
}

export function session(spec: Spec): SessionInput {
  const tz = spec.tz ?? TZ;
  const height = spec.height ?? (() => 1080);
  const bitrate = spec.bitrate ?? (() => 5000);
  const samples: Sample[] = [];
  const events: PlaybackEvent[] = [];
  let seq = 0;
  let prevH = 0;
  for (let s = 0; s < spec.seconds; s++) {
    const h = height(s);
    const w = Math.round((h * 16) / 9);
    const t = spec.start + s * 1000;
    const stalled = spec.stalls?.some(([at, ms]) => s >= at && s < at + Math.ceil(ms / 1000)) ?? false;
    if (prevH > 0 && h !== prevH) {
      events.push({
        sid: spec.id,
        seq: seq++,
        t,
        mt: s,
        kind: 'resolution',
        fromW: Math.round((prevH * 16) / 9),
        fromH: prevH,
        w,
        h,
        drop: h < prevH,
      });
    }
    prevH = h;
    const dh = spec.displayH ?? 1080;
    samples.push({
      sid: spec.id,
      seq: seq++,
      t,
      dt: s === 0 ? 0 : 1000,
      state: stalled ? 'stalled' : 'playing',
      mt: s,
      buf: stalled ? 0 : 12.5,
      w,
      h,
      dw: Math.round((dh * 16) / 9),
      dh,
      br: bitrate(s),
      tp: spec.kbps ?? 9000,
      df: 0,
      tf: 30,
      rate: 1,
      hidden: spec.hiddenFrom !== undefined && s >= spec.hiddenFrom,
    });
  }
  for (const [at, ms, cause] of spec.stalls ?? []) {
    events.push({
      sid: spec.id,
      seq: seq++,
      t: spec.start + at * 1000,
      mt: at,
      kind: 'stall',
      durationMs: ms,
      bufferAhead: cause === 'decoder' ? 8 : 0,
      cause,
      hidden: false,
    });
  }
  events.push({ sid: spec.id, seq: seq++, t: spec.start + 1500, mt: 0, kind: 'startup', durationMs: 1500 });
  for (const [i, r] of (spec.requestHosts ?? []).entries()) {
    events.push({
      sid: spec.id,
      seq: seq++,
      t: spec.start + i * 4000,
      mt: i * 4,
      kind: 'request',
      host: r.host,
      bytes: r.timed ? 2_000_000 : 0,
      durationMs: 800,
      timed: r.timed,
    });
  }
  if (spec.kbps !== undefined) {
    for (let s = 0; s < spec.seconds; s += 4) {
      events.push({
        sid: spec.id,
        seq: seq++,
        t: spec.start + s * 1000,
        mt: s,
        kind: 'request',
        host: `cdn.${spec.service}.example`,
        bytes: 500_000,
        durationMs: (500_000 * 8) / spec.kbps,
        timed: true,
      });
    }
  }
  let agg = emptyAggregates();
  for (const x of samples) agg = foldSample(agg, x);
  for (const e of events) agg = foldEvent(agg, e);
  const stored: StoredSession = {
    id: spec.id,
    pageHost: spec.host,
    frameHost: spec.host,
    service: spec.service,
    startedAt: spec.start,
    tzOffsetMin: tz,
    delivery: 'mse',
    preview: spec.preview ?? false,
    endedAt: spec.start + spec.seconds * 1000,
    endReason: 'pagehide',
    agg,
  };
  return { session: stored, samples, events };
}

/** Netflix, three evenings, stalling and dropping to 480p; one with the tab hidden for a while. */
export const netflix: SessionInput[] = [
  session({
    id: 'nflx-0001-aaaa',
    service: 'netflix',
    host: 'www.netflix.com',
    start: T0,
    seconds: 1200,
    stalls: [
      [100, 4000, 'network'],
      [400, 12_500, 'network'],
      [900, 2500, 'network'],
    ],
    height: (s) => (s < 300 ? 1080 : 480),
    bitrate: (s) => (s < 300 ? 5200 : 1100),
    requestHosts: [
      { host: 'ipv4-c001.oca.nflxvideo.net', timed: true },
      { host: 'https://ipv4-c002.oca.nflxvideo.net/range/0-100?o=1', timed: false },
    ],
  }),
  session({
    id: 'nflx-0002-bbbb',
    service: 'netflix',
    host: 'www.netflix.com',
    start: T0 + DAY + HOUR,
    seconds: 900,
    stalls: [
      [60, 8000, 'network'],
      [500, 3000, 'decoder'],
    ],
    height: () => 720,
    bitrate: () => 2400,
    hiddenFrom: 700,
  }),
  session({
    id: 'nflx-0003-cccc',
    service: 'netflix',
    host: 'www.netflix.com',
    start: T0 + 2 * DAY + 30 * 60_000,
    seconds: 600,
    stalls: [[200, 6000, 'network']],
    height: () => 480,
    bitrate: () => 900,
  }),
];

/** YouTube at the same times, smooth and sharp. */
export const youtube: SessionInput[] = [
  session({
    id: 'ytb-0001-dddd',
    service: 'youtube',
    host: 'www.youtube.com',
    start: T0 + 10 * 60_000,
    seconds: 600,
    bitrate: () => 4500,
    requestHosts: [{ host: 'rr3---sn-4g5e6nsz.googlevideo.com', timed: true }],
  }),
];

export const ENV: EvidenceEnv = {
  extensionVersion: '0.1.0',
  browser: 'Chrome',
  browserVersion: '131.0.6778.85',
  os: 'Linux',
  timeZone: 'Europe/Berlin',
  utcOffsetMin: TZ,
};

export const SETTINGS: EvidenceSettings = { isp: 'Example Telecom', planDownKbps: 100_000, country: 'DE' };
export const GENERATED_AT = T0 + 3 * DAY;

export const NETFLIX_RANGE: Selection = {
  kind: 'range',
  from: T0 - HOUR,
  to: T0 + 3 * DAY,
  service: 'netflix',
};

export function buildFixture(
  over: { settings?: EvidenceSettings; comparisons?: SessionInput[]; subjects?: SessionInput[] } = {},
) {
  return buildEvidence({
    subjects: over.subjects ?? netflix,
    comparisons: over.comparisons ?? youtube,
    settings: over.settings ?? SETTINGS,
    env: ENV,
    scope: scopeOf(NETFLIX_RANGE, TZ, 60),
    generatedAt: GENERATED_AT,
  });
}
