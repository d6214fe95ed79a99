/**
 * Shapes of what capture produces and the store keeps. Every boundary parses with these.
 * Times are wall-clock epoch milliseconds unless named otherwise; media times are seconds.
 */
import { MAX_CODEC_CHARS, MAX_PLAUSIBLE_KBPS } from './limits';
import { z } from './zod';

const finite = z.number().finite();
const nonNeg = finite.min(0);
const count = z.number().int().min(0);

export const SERVICES = ['netflix', 'youtube', 'twitch', 'prime', 'disney', 'max', 'hulu', 'other'] as const;
export const Service = z.enum(SERVICES);
export type Service = z.infer<typeof Service>;

/** Playback state over the interval a sample closes. */
export const PLAY_STATES = ['playing', 'stalled', 'paused', 'seeking', 'startup', 'ended'] as const;
export const PlayState = z.enum(PLAY_STATES);
export type PlayState = z.infer<typeof PlayState>;

export const SessionId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

export const SessionMeta = z.object({
  id: SessionId,
  /** Host of the top-level page (hostname only: no path, no query). */
  pageHost: z.string().max(255),
  /** Host of the frame the video plays in; equals pageHost outside iframes. */
  frameHost: z.string().max(255),
  service: Service,
  startedAt: nonNeg,
  /** Minutes east of UTC at session start (the opposite sign of Date#getTimezoneOffset). */
  tzOffsetMin: z.number().int().min(-900).max(900),
  /** 'mse' when the element plays a MediaSource, else 'progressive'. */
  delivery: z.enum(['mse', 'progressive']),
  preview: z.boolean(),
  /** Video codec string where known (MSE mime, page-reported). */
  codec: z.string().max(MAX_CODEC_CHARS).optional(),
  /**
   * Connection type where the browser exposes it (Network Information API `type`: ChromeOS and Android
   * Chrome; desktop Chrome and Firefox do not, and then it is absent).
   */
  connection: z.enum(['ethernet', 'wifi', 'cellular', 'other', 'unknown']).optional(),
  endedAt: nonNeg.optional(),
  endReason: z
    .enum(['ended', 'source-change', 'removed', 'pagehide', 'idle', 'navigation', 'unwatched'])
    .optional(),
});
export type SessionMeta = z.infer<typeof SessionMeta>;

/** One 1 Hz (or event-time) observation. Compact keys: a year of evenings is millions of these. */
export const Sample = z.object({
  sid: SessionId,
  seq: count,
  t: nonNeg,
  /** Wall ms since the previous sample of the session (0 for the first): makes aggregates order-free. */
  dt: nonNeg.max(60_000),
  state: PlayState,
  /** Media time (s). */
  mt: nonNeg,
  /** Seconds buffered ahead of the playhead. */
  buf: nonNeg,
  w: count,
  h: count,
  /** Displayed size of the element in CSS px. */
  dw: count,
  dh: count,
  /** Estimated video bitrate of what plays, kbps (null when unknown). */
  br: nonNeg.max(MAX_PLAUSIBLE_KBPS).nullable(),
  /** Network throughput of media requests in this interval, kbps (null when none seen). */
  tp: nonNeg.max(MAX_PLAUSIBLE_KBPS).nullable(),
  /** Dropped and total decoded frame deltas since the previous sample. */
  df: count,
  tf: count,
  rate: finite.min(0).max(16),
  hidden: z.boolean(),
});
export type Sample = z.infer<typeof Sample>;

const eventBase = { sid: SessionId, seq: count, t: nonNeg, mt: nonNeg };

export const StallEvent = z.object({
  ...eventBase,
  kind: z.literal('stall'),
  durationMs: nonNeg,
  bufferAhead: nonNeg,
  cause: z.enum(['network', 'decoder']),
  hidden: z.boolean(),
  /** Still going when the session ended (tab closed, page left, source changed): it lasted to then. */
  cutShort: z.literal(true).optional(),
});
export const ResolutionEvent = z.object({
  ...eventBase,
  kind: z.literal('resolution'),
  fromW: count,
  fromH: count,
  w: count,
  h: count,
  drop: z.boolean(),
});
export const SeekEvent = z.object({
  ...eventBase,
  kind: z.literal('seek'),
  toMt: nonNeg,
  durationMs: nonNeg,
});
export const StartupEvent = z.object({ ...eventBase, kind: z.literal('startup'), durationMs: nonNeg });
export const VisibilityEvent = z.object({ ...eventBase, kind: z.literal('visibility'), hidden: z.boolean() });
export const MediaRequestEvent = z.object({
  ...eventBase,
  kind: z.literal('request'),
  host: z.string().max(255),
  bytes: count,
  durationMs: nonNeg,
  /** False when the host hides timing (cross-origin without Timing-Allow-Origin). */
  timed: z.boolean(),
});

/**
 * Common Media Client Data (CTA-5004) a player sent with a media request (query `CMCD=`): page-reported,
 * what the player says of itself. Only the measurement keys are kept: content and session ids and next
 * object URLs are dropped (they name what was watched). Recorded when a key that matters changes, on
 * buffer starvation, and at most every 10 s otherwise (utils/metrics/cmcd-log.ts).
 */
export const CmcdEvent = z.object({
  ...eventBase,
  kind: z.literal('cmcd'),
  /** Encoded bitrate of the requested object, kbps. */
  br: count.max(1e9).optional(),
  /** Buffer length, ms. */
  bl: count.max(1e9).optional(),
  /** Buffer starvation since the previous request. */
  bs: z.boolean().optional(),
  /** Throughput the player measured, kbps. */
  mtp: count.max(1e9).optional(),
  /** Top bitrate the player may choose, kbps. */
  tb: count.max(1e9).optional(),
  /** Object duration, ms. */
  d: count.max(1e9).optional(),
  /** Object type: v video, a audio, av muxed, i init, m manifest, ... */
  ot: z.enum(['m', 'a', 'v', 'av', 'i', 'c', 'tt', 'k', 'o']).optional(),
  /** Stream type: v on demand, l live. */
  st: z.enum(['v', 'l']).optional(),
  /** Streaming format: d DASH, h HLS, s Smooth, o other. */
  sf: z.enum(['d', 'h', 's', 'o']).optional(),
  /** Playback rate. */
  pr: finite.min(-100).max(100).optional(),
});
export type CmcdEvent = z.infer<typeof CmcdEvent>;

export const PlaybackEvent = z.discriminatedUnion('kind', [
  StallEvent,
  ResolutionEvent,
  SeekEvent,
  StartupEvent,
  VisibilityEvent,
  MediaRequestEvent,
  CmcdEvent,
]);
export type PlaybackEvent = z.infer<typeof PlaybackEvent>;
export type StallEvent = z.infer<typeof StallEvent>;
export type ResolutionEvent = z.infer<typeof ResolutionEvent>;

/** Per-session running totals, folded from samples and events so listing never scans samples. */
export const Aggregates = z.object({
  samples: count,
  watchMs: nonNeg,
  playingMs: nonNeg,
  stallCount: count,
  stallMs: nonNeg,
  startupMs: nonNeg.nullable(),
  seekCount: count,
  /** Σ bitrate·dt and Σ dt over samples that had a bitrate: time-weighted mean = brSum / brMs. */
  brSum: nonNeg,
  brMs: nonNeg,
  tpSum: nonNeg,
  tpMs: nonNeg,
  ms720: nonNeg,
  ms1080: nonNeg,
  droppedFrames: count,
  totalFrames: count,
  hiddenMs: nonNeg,
  /** Time-weighted upscale sum (Σ upscale·dt) and the maximum. */
  upSum: nonNeg,
  upMax: nonNeg,
  resolutionDrops: count,
  maxW: count,
  maxH: count,
  lastW: count,
  lastH: count,
  lastSeq: z.number().int().min(-1),
  lastT: nonNeg,
});
export type Aggregates = z.infer<typeof Aggregates>;

export const SessionRecord = SessionMeta.extend({ tabId: z.number().int().optional(), agg: Aggregates });
export type SessionRecord = z.infer<typeof SessionRecord>;
