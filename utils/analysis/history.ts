/**
 * What the analysis reads: one stored session with its samples and events — the store's `getSession`
 * result fits as is — plus an optional connection label that only the caller can know. Every function here
 * is a pure reading of that; times are epoch ms, rates kbps.
 */
import type { ConfounderAggregates } from '../metrics/confounders';
import { effectiveHeight } from '../metrics/resolution';
import type { Aggregates, PlaybackEvent, Sample, SessionRecord } from '../schema/playback';

export type ConnectionType = 'ethernet' | 'wifi' | 'cellular' | 'other' | 'unknown';

export interface ConnectionInfo {
  type: ConnectionType;
  /** The user's own name for the line ("home fibre"): sessions on different lines never pool. */
  network?: string;
}

export type SessionInfo = Pick<SessionRecord, 'id' | 'service' | 'pageHost' | 'startedAt' | 'tzOffsetMin'> &
  Partial<Pick<SessionRecord, 'codec' | 'preview' | 'connection'>> & {
    agg: ConfounderAggregates & Pick<Aggregates, 'ms720'>;
    rawPrunedAt?: number;
  };
export type SampleInfo = Pick<
  Sample,
  't' | 'dt' | 'state' | 'w' | 'h' | 'dw' | 'dh' | 'br' | 'tp' | 'hidden' | 'rate'
>;
type RequestEvent = Extract<PlaybackEvent, { kind: 'request' }>;
export type RequestInfo = Pick<RequestEvent, 'kind' | 't' | 'host' | 'bytes' | 'durationMs' | 'timed'>;
type CmcdEvent = Extract<PlaybackEvent, { kind: 'cmcd' }>;
export type CmcdInfo = Pick<CmcdEvent, 'kind' | 't' | 'tb' | 'ot'>;
export type EventInfo =
  | RequestInfo
  | CmcdInfo
  | { kind: Exclude<PlaybackEvent['kind'], 'request' | 'cmcd'>; t: number; cause?: 'network' | 'decoder' };

export interface SessionHistory {
  session: SessionInfo;
  samples: readonly SampleInfo[];
  events: readonly EventInfo[];
  /** What the caller knows of the line; defaults to the type the browser recorded, if it did. */
  connection?: ConnectionInfo;
}

/** The caller's connection label, else the connection type the browser exposed at capture, else none. */
export function connectionOf(h: SessionHistory): ConnectionInfo | undefined {
  return h.connection ?? (h.session.connection ? { type: h.session.connection } : undefined);
}

/** One observation: value `v` at time `t` in session `sid`, whose clock was `tz` minutes east of UTC. */
export interface Point {
  t: number;
  v: number;
  sid: string;
  tz: number;
}

export const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The absolute clock hour (UTC-aligned): two services in the same bucket shared the same line then. */
export const hourBucket = (t: number) => Math.floor(t / HOUR_MS);

/** Hour of the day 0–23 on the session's own wall clock. */
export function localHour(t: number, tzOffsetMin: number): number {
  const ms = t + tzOffsetMin * 60_000;
  return Math.floor((((ms % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS);
}

/** The unit compared: a named service, or the page host for the catch-all 'other'. */
export function serviceKey(s: Pick<SessionInfo, 'service' | 'pageHost'>): string {
  return s.service === 'other' ? `other:${s.pageHost}` : s.service;
}

export interface ThroughputSeries {
  points: Point[];
  /** 'requests': timed media requests; 'samples': the 1 Hz `tp` where no request was usable. */
  source: 'requests' | 'samples' | 'none';
  /** Sizes of the requests used (bytes), for comparing request-size effects. */
  requestBytes: number[];
}

const isRequest = (e: EventInfo): e is RequestInfo => e.kind === 'request';
const isCmcd = (e: EventInfo): e is CmcdInfo => e.kind === 'cmcd';

/**
 * The top video bitrate (kbps) the player said it may choose (CMCD `tb` on video requests), the best
 * "best offered" there is: it comes from the title's own ladder. Null when the player sent none.
 */
export function cmcdTopKbps(events: readonly EventInfo[]): number | null {
  let top: number | null = null;
  for (const e of events) {
    if (!isCmcd(e) || e.tb === undefined || (e.ot !== undefined && e.ot !== 'v' && e.ot !== 'av')) continue;
    if (top === null || e.tb > top) top = e.tb;
  }
  return top;
}

/**
 * Per-request throughput (bytes · 8 / duration) of timed requests of at least `minRequestBytes`; where a
 * session has none, its samples' `tp`. Small requests (manifests, init and audio segments) are dropped
 * because their time is mostly latency, not bandwidth.
 */
export function sessionThroughput(h: SessionHistory, minRequestBytes: number): ThroughputSeries {
  const { id: sid, tzOffsetMin: tz } = h.session;
  const requests = h.events.filter(
    (e): e is RequestInfo =>
      isRequest(e) && e.timed && e.bytes >= minRequestBytes && e.durationMs > 0 && Number.isFinite(e.t),
  );
  if (requests.length > 0) {
    return {
      source: 'requests',
      points: requests.map((r) => ({ t: r.t, v: (r.bytes * 8) / r.durationMs, sid, tz })),
      requestBytes: requests.map((r) => r.bytes),
    };
  }
  const points = h.samples
    .filter((s) => s.tp !== null && s.tp > 0 && Number.isFinite(s.tp))
    .map((s) => ({ t: s.t, v: s.tp ?? 0, sid, tz }));
  return { source: points.length ? 'samples' : 'none', points, requestBytes: [] };
}

/** Estimated bitrate of what played, one point per playing sample that has one. */
export function sessionBitrate(h: SessionHistory): Point[] {
  const { id: sid, tzOffsetMin: tz } = h.session;
  return h.samples
    .filter((s) => s.state === 'playing' && s.br !== null && s.br > 0 && Number.isFinite(s.br))
    .map((s) => ({ t: s.t, v: s.br ?? 0, sid, tz }));
}

/** Highest 16:9-equivalent height that played in the session (0 when none). */
export function maxPlayingHeight(samples: readonly SampleInfo[]): number {
  let max = 0;
  for (const s of samples) if (s.state === 'playing') max = Math.max(max, effectiveHeight(s.w, s.h));
  return max;
}

export interface ServingHost {
  host: string;
  bytes: number;
  requests: number;
  /** Share of the session's media bytes (or requests, see `by`) this host served. */
  share: number;
  /** 'requests' when no request exposed its size (cross-origin without Timing-Allow-Origin). */
  by: 'bytes' | 'requests';
}

/** The host (CDN node or name) that served most of a session's media bytes; null without requests. */
export function servingHost(events: readonly EventInfo[]): ServingHost | null {
  const byHost = new Map<string, { bytes: number; requests: number }>();
  for (const e of events) {
    if (!isRequest(e) || !e.host) continue;
    const cur = byHost.get(e.host) ?? { bytes: 0, requests: 0 };
    byHost.set(e.host, { bytes: cur.bytes + Math.max(0, e.bytes), requests: cur.requests + 1 });
  }
  const rows = [...byHost].map(([host, v]) => ({ host, ...v }));
  if (rows.length === 0) return null;
  const totalBytes = rows.reduce((s, r) => s + r.bytes, 0);
  const totalRequests = rows.reduce((s, r) => s + r.requests, 0);
  const by = totalBytes > 0 ? 'bytes' : 'requests';
  rows.sort((x, y) => y[by] - x[by] || y.requests - x.requests || (x.host < y.host ? -1 : 1));
  const top = rows[0];
  if (!top) return null;
  return { ...top, by, share: by === 'bytes' ? top.bytes / totalBytes : top.requests / totalRequests };
}

const CODEC_FAMILY = /\b(avc1|avc3|hvc1|hev1|dvh1|dvhe|vp09|vp9|vp8|av01)\b/i;

/** 'video/mp4; codecs="avc1.640028"' → 'avc1'; families compare across profiles and levels. */
export function codecFamily(codec: string | undefined): string | null {
  if (!codec) return null;
  const m = CODEC_FAMILY.exec(codec);
  const family = m?.[1]?.toLowerCase() ?? codec.trim().slice(0, 32).toLowerCase();
  return family === 'vp9' ? 'vp09' : family || null;
}
