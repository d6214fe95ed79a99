/**
 * Things other than the network that explain poor video: each one weakens a verdict rather than
 * overturning it, so they are reported next to it. Session-level checks read one session (plus the best
 * its service has shown); the group-level ones compare the sessions on each side of a comparison.
 */
import { downscale, effectiveHeight } from '../metrics/resolution';
import {
  codecFamily,
  connectionOf,
  maxPlayingHeight,
  type Point,
  type SessionHistory,
  type ThroughputSeries,
} from './history';
import { median } from './stats';

export const CONFOUNDER_THRESHOLDS = {
  /** Dropped / decoded frames above this points at the device (REFERENCE: dropped frames). */
  droppedFrameRatio: 0.1,
  /** Share of watch time in a hidden tab above this: players may lower quality in the background. */
  hiddenShare: 0.2,
  /** A sample counts as "small player" when the display is under this fraction of the video or of the best height. */
  smallPlayerScale: 0.5,
  /** ...and the session does when that holds for more than this share of its playing time. */
  smallPlayerShare: 0.5,
  /** Median throughput above this multiple of the median bitrate counts as ample headroom. */
  capHeadroom: 1.5,
  /** Points needed before a session's resolution cap is judged. */
  capMinPoints: 10,
  /** Median request sizes of the two sides differing by more than this factor. */
  requestSizeRatio: 4,
} as const;
export type ConfounderThresholds = { -readonly [K in keyof typeof CONFOUNDER_THRESHOLDS]: number };

export const CONFOUNDER_KINDS = [
  'dropped-frames',
  'small-player',
  'hidden-tab',
  'resolution-cap',
  'wireless',
  'codec-change',
  'mixed-connections',
  'request-size',
  'throughput-source',
] as const;
export type ConfounderKind = (typeof CONFOUNDER_KINDS)[number];

export interface SessionConfounder {
  kind: ConfounderKind;
  sid: string;
  value: number;
}

export interface Confounder {
  kind: ConfounderKind;
  /** The service key it concerns; absent when it is about the comparison itself. */
  side?: string;
  /** Sessions affected out of `of` (both 0 for comparison-level ones). */
  sessions: number;
  of: number;
  text: string;
}

export interface SessionContext {
  /** Highest effective height the service has played in this history: the best-offered proxy. */
  bestHeight: number;
  throughput: ThroughputSeries;
  bitrate: readonly Point[];
}

function smallPlayerShare(h: SessionHistory, bestHeight: number, scale: number): number | null {
  let small = 0;
  let total = 0;
  for (const s of h.samples) {
    const down = s.state === 'playing' ? downscale(s.dw, s.dh, s.w, s.h) : null;
    if (down === null || !(s.dt > 0)) continue;
    total += s.dt;
    const tooSmallForVideo = down > 1 - scale;
    const tooSmallForBest = bestHeight > 0 && effectiveHeight(s.dw, s.dh) < scale * bestHeight;
    if (tooSmallForVideo || tooSmallForBest) small += s.dt;
  }
  return total > 0 ? small / total : null;
}

export function sessionConfounders(
  h: SessionHistory,
  ctx: SessionContext,
  th: ConfounderThresholds = CONFOUNDER_THRESHOLDS,
): SessionConfounder[] {
  const out: SessionConfounder[] = [];
  const sid = h.session.id;
  const { agg } = h.session;
  const add = (kind: ConfounderKind, value: number) => out.push({ kind, sid, value });
  if (agg.totalFrames > 0 && agg.droppedFrames / agg.totalFrames > th.droppedFrameRatio) {
    add('dropped-frames', agg.droppedFrames / agg.totalFrames);
  }
  if (agg.watchMs > 0 && agg.hiddenMs / agg.watchMs > th.hiddenShare)
    add('hidden-tab', agg.hiddenMs / agg.watchMs);
  const small = smallPlayerShare(h, ctx.bestHeight, th.smallPlayerScale);
  if (small !== null && small > th.smallPlayerShare) add('small-player', small);
  // Ample throughput, yet the picture never climbed to what the service plays elsewhere: a cap set by the
  // app, the player size or the plan, not by the network (Wehe found app defaults explain low resolution).
  const tp = median(ctx.throughput.points.map((p) => p.v));
  const br = median(ctx.bitrate.map((p) => p.v));
  const height = maxPlayingHeight(h.samples);
  if (
    tp !== null &&
    br !== null &&
    ctx.bitrate.length >= th.capMinPoints &&
    ctx.throughput.points.length >= th.capMinPoints &&
    tp > th.capHeadroom * br &&
    height > 0 &&
    height < 0.95 * ctx.bestHeight
  ) {
    add('resolution-cap', tp / br);
  }
  const line = connectionOf(h);
  if (line?.type === 'wifi' || line?.type === 'cellular') add('wireless', 1);
  return out;
}

const SESSION_TEXT: Record<string, (n: number, of: number, th: ConfounderThresholds) => string> = {
  'dropped-frames': (n, of, th) =>
    `${n} of ${of} sessions dropped more than ${th.droppedFrameRatio * 100} % of frames: the device struggled, and players lower quality for that`,
  'hidden-tab': (n, of, th) =>
    `${n} of ${of} sessions spent more than ${th.hiddenShare * 100} % of the time in a hidden tab, where players may fetch less`,
  'small-player': (n, of) =>
    `${n} of ${of} sessions played mostly in a small player: players pick lower renditions for small screens`,
  'resolution-cap': (n, of) =>
    `${n} of ${of} sessions had throughput well above the bitrate yet never reached the service's best resolution: an app, player or plan cap, not the network`,
  wireless: (n, of) =>
    `${n} of ${of} sessions were on Wi-Fi or mobile data, whose speed varies with the radio`,
};

/** Folds per-session findings of one side into one line per kind. */
export function summariseSessions(
  side: string,
  found: readonly SessionConfounder[],
  of: number,
  th: ConfounderThresholds = CONFOUNDER_THRESHOLDS,
): Confounder[] {
  const byKind = new Map<ConfounderKind, Set<string>>();
  for (const f of found) byKind.set(f.kind, (byKind.get(f.kind) ?? new Set()).add(f.sid));
  return [...byKind].map(([kind, sids]) => ({
    kind,
    side,
    sessions: sids.size,
    of,
    text: `${side}: ${SESSION_TEXT[kind]?.(sids.size, of, th) ?? kind}`,
  }));
}

/** More than one codec family among a side's sessions: bitrates of different codecs do not compare. */
export function codecChange(side: string, sessions: readonly SessionHistory[]): Confounder | null {
  const families = new Set<string>();
  for (const h of sessions) {
    const f = codecFamily(h.session.codec);
    if (f) families.add(f);
  }
  if (families.size < 2) return null;
  const list = [...families].sort().join(', ');
  return {
    kind: 'codec-change',
    side,
    sessions: sessions.length,
    of: sessions.length,
    text: `${side}: sessions used different codecs (${list}); the same picture needs fewer bits in a newer codec, so bitrate shares do not compare`,
  };
}

/** Comparison-level: different lines or link types on the two sides. */
export function mixedConnections(sessions: readonly SessionHistory[]): Confounder | null {
  const labels = new Set<string>();
  for (const h of sessions) {
    const line = connectionOf(h);
    if (line) labels.add(`${line.type}|${line.network ?? ''}`);
  }
  if (labels.size < 2) return null;
  return {
    kind: 'mixed-connections',
    sessions: 0,
    of: 0,
    text: 'the sessions compared were not all on the same connection type or line',
  };
}

/** Comparison-level: per-request throughput grows with object size (TCP ramp-up, per-request latency). */
export function requestSizeGap(
  a: ThroughputSeries[],
  b: ThroughputSeries[],
  ratio: number,
): Confounder | null {
  const ma = median(a.flatMap((s) => s.requestBytes));
  const mb = median(b.flatMap((s) => s.requestBytes));
  if (ma === null || mb === null || ma <= 0 || mb <= 0) return null;
  const r = Math.max(ma, mb) / Math.min(ma, mb);
  if (r <= ratio) return null;
  return {
    kind: 'request-size',
    sessions: 0,
    of: 0,
    text: `median request sizes differ ${r.toFixed(1)}× (${Math.round(ma / 1000)} kB vs ${Math.round(mb / 1000)} kB): small requests measure lower throughput on the same line`,
  };
}

/** Comparison-level: one side measured per request, the other from 1 Hz samples. */
export function sourceGap(a: ThroughputSeries[], b: ThroughputSeries[]): Confounder | null {
  const kinds = (xs: ThroughputSeries[]) => new Set(xs.filter((s) => s.points.length).map((s) => s.source));
  const ka = kinds(a);
  const kb = kinds(b);
  if (ka.size === 1 && kb.size === 1 && [...ka][0] === [...kb][0]) return null;
  return {
    kind: 'throughput-source',
    sessions: 0,
    of: 0,
    text: 'throughput was measured per request on one side and from per-second samples on the other',
  };
}
