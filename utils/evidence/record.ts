/**
 * One stored session → one evidence record. Pure: rows in, a plain JSON-safe object out. Totals come
 * from the store's aggregates (they survive sample retention); timelines come from the raw rows.
 * Hosts only, never URLs: every host passes through hostOnly.
 */
import type { StoredSession } from '../db';
import * as agg from '../metrics/aggregate';
import { sessionConfounders } from '../metrics/confounders';
import {
  overallScore,
  pictureScore,
  SCORE_FORMULA_VERSION,
  smoothnessScore,
  startupScore,
} from '../metrics/scores';
import type { PlaybackEvent, Sample } from '../schema/playback';
import { serviceName } from '../sites';
import { hostOnly } from './hosts';
import { SAMPLE_COLUMNS, type SampleRow, type SessionEvidence, type Summary } from './schema';
import { isoWithOffset } from './time';

export interface SessionInput {
  session: StoredSession;
  samples: readonly Sample[];
  events: readonly PlaybackEvent[];
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
const roundOrNull = (n: number | null, digits: number) => (n === null ? null : round(n, digits));

export function summaryOf(a: StoredSession['agg']): Summary {
  return {
    watchMs: a.watchMs,
    playingMs: a.playingMs,
    stallCount: a.stallCount,
    stallMs: a.stallMs,
    rebufferFraction: roundOrNull(agg.rebufferFraction(a), 6),
    meanBitrateKbps: roundOrNull(agg.meanBitrateKbps(a), 1),
    bitrateMeasuredMs: a.brMs,
    meanThroughputKbps: roundOrNull(agg.meanThroughputKbps(a), 1),
    throughputMeasuredMs: a.tpMs,
    hd720Ms: a.ms720,
    hd1080Ms: a.ms1080,
    share720: roundOrNull(agg.share720(a), 6),
    share1080: roundOrNull(agg.share1080(a), 6),
    maxWidth: a.maxW,
    maxHeight: a.maxH,
    resolutionDrops: a.resolutionDrops,
    droppedFrames: a.droppedFrames,
    decodedFrames: a.totalFrames,
    droppedRatio: roundOrNull(agg.droppedRatio(a), 6),
    hiddenMs: a.hiddenMs,
    seekCount: a.seekCount,
    upscaleMean: roundOrNull(agg.meanUpscale(a), 4),
    upscaleMax: round(a.upMax, 4),
  };
}

function scoresOf(a: StoredSession['agg']): SessionEvidence['scores'] {
  const startup = startupScore(a.startupMs === null ? null : a.startupMs / 1000);
  const rebuffer = agg.rebufferFraction(a);
  const smoothness = rebuffer === null ? null : smoothnessScore(a.stallCount, rebuffer);
  const hd = agg.share720(a);
  const picture = hd === null ? null : pictureScore(agg.meanUpscale(a) ?? 0, a.upMax, hd);
  const overall = overallScore({ startup, smoothness, picture });
  return {
    formulaVersion: SCORE_FORMULA_VERSION,
    startup: roundOrNull(startup, 1),
    smoothness: roundOrNull(smoothness, 1),
    picture: roundOrNull(picture, 1),
    overall: roundOrNull(overall, 1),
  };
}

function throughputByHost(events: readonly PlaybackEvent[]): SessionEvidence['throughputByHost'] {
  const byHost = new Map<string, { requests: number; timedRequests: number; bytes: number; ms: number }>();
  for (const e of events) {
    if (e.kind !== 'request') continue;
    const host = hostOnly(e.host);
    const cur = byHost.get(host) ?? { requests: 0, timedRequests: 0, bytes: 0, ms: 0 };
    cur.requests += 1;
    if (e.timed && e.bytes > 0) {
      cur.timedRequests += 1;
      cur.bytes += e.bytes;
      cur.ms += e.durationMs;
    }
    byHost.set(host, cur);
  }
  return [...byHost.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([host, c]) => ({
      host,
      requests: c.requests,
      timedRequests: c.timedRequests,
      bytes: c.bytes,
      transferMs: round(c.ms, 1),
      meanKbps: c.ms > 0 ? round((c.bytes * 8) / c.ms, 1) : null,
    }));
}

function sampleRow(s: Sample, startedAt: number): SampleRow {
  return [
    Math.max(0, Math.round(s.t - startedAt)),
    s.state,
    roundOrNull(s.br, 1),
    roundOrNull(s.tp, 1),
    s.w,
    s.h,
    s.dw,
    s.dh,
    round(s.buf, 2),
    s.df,
    s.tf,
    s.rate,
    s.hidden,
  ];
}

export function sessionRecord(input: SessionInput, role: SessionEvidence['role']): SessionEvidence {
  const { session: s, samples, events } = input;
  const tz = s.tzOffsetMin;
  const offset = (t: number) => Math.max(0, Math.round(t - s.startedAt));
  const byTime = <T extends { t: number; seq: number }>(xs: T[]) =>
    xs.sort((a, b) => a.t - b.t || a.seq - b.seq);
  const stalls = byTime(events.filter((e) => e.kind === 'stall'));
  const changes = byTime(events.filter((e) => e.kind === 'resolution'));
  return {
    id: s.id,
    role,
    service: s.service,
    serviceName: serviceName(s.service),
    pageHost: hostOnly(s.pageHost),
    frameHost: hostOnly(s.frameHost),
    start: isoWithOffset(s.startedAt, tz),
    end: s.endedAt === undefined ? null : isoWithOffset(s.endedAt, tz),
    tzOffsetMin: tz,
    endReason: s.endReason ?? null,
    delivery: s.delivery,
    codec: s.codec ?? null,
    preview: s.preview,
    startupMs: s.agg.startupMs,
    summary: summaryOf(s.agg),
    stalls: stalls.map((e) => ({
      start: isoWithOffset(e.t, tz),
      offsetMs: offset(e.t),
      mediaTimeS: round(e.mt, 3),
      durationMs: Math.round(e.durationMs),
      cause: e.cause,
      bufferAheadS: round(e.bufferAhead, 2),
      tabHidden: e.hidden,
    })),
    resolutionChanges: changes.map((e) => ({
      at: isoWithOffset(e.t, tz),
      offsetMs: offset(e.t),
      fromWidth: e.fromW,
      fromHeight: e.fromH,
      width: e.w,
      height: e.h,
      drop: e.drop,
    })),
    samples: {
      columns: [...SAMPLE_COLUMNS],
      rows: [...samples].sort((a, b) => a.seq - b.seq).map((x) => sampleRow(x, s.startedAt)),
    },
    throughputByHost: throughputByHost(events),
    confounders: sessionConfounders({ session: s, samples, events }).map((c) => ({
      code: c.kind,
      value: round(c.value, 6),
      threshold: c.threshold,
    })),
    scores: scoresOf(s.agg),
    rawSamplesPrunedAt: s.rawPrunedAt === undefined ? null : isoWithOffset(s.rawPrunedAt, tz),
  };
}
