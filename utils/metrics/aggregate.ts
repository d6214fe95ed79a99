/**
 * Per-session running totals. Pure: records in, totals out; no db, no clock.
 * Every fold is order-free (sums, maxima, or "value of the highest seq"), so samples can arrive late,
 * twice-filtered or out of order and the store still ends with the same numbers.
 */
import type { Aggregates, PlaybackEvent, Sample } from '../schema/playback';
import { isFullHd, isHd } from './resolution';

export function emptyAggregates(): Aggregates {
  return {
    samples: 0,
    watchMs: 0,
    playingMs: 0,
    stallCount: 0,
    stallMs: 0,
    startupMs: null,
    seekCount: 0,
    brSum: 0,
    brMs: 0,
    tpSum: 0,
    tpMs: 0,
    ms720: 0,
    ms1080: 0,
    droppedFrames: 0,
    totalFrames: 0,
    hiddenMs: 0,
    upSum: 0,
    upMax: 0,
    resolutionDrops: 0,
    maxW: 0,
    maxH: 0,
    lastW: 0,
    lastH: 0,
    lastSeq: -1,
    lastT: 0,
  };
}

/** Upscale factor of one frame on screen: 0 when shown at or below its native size (or unknown). */
export function upscaleOf(s: Pick<Sample, 'w' | 'h' | 'dw' | 'dh'>): number {
  if (s.w <= 0 || s.h <= 0 || s.dw <= 0 || s.dh <= 0) return 0;
  return Math.max(0, Math.min(s.dw / s.w, s.dh / s.h) - 1);
}

export function foldSample(agg: Aggregates, s: Sample): Aggregates {
  const playing = s.state === 'playing';
  const watching = playing || s.state === 'stalled';
  const dt = s.dt;
  const up = playing ? upscaleOf(s) : 0;
  const newest = s.seq > agg.lastSeq;
  return {
    ...agg,
    samples: agg.samples + 1,
    watchMs: agg.watchMs + (watching ? dt : 0),
    playingMs: agg.playingMs + (playing ? dt : 0),
    brSum: agg.brSum + (playing && s.br !== null ? s.br * dt : 0),
    brMs: agg.brMs + (playing && s.br !== null ? dt : 0),
    tpSum: agg.tpSum + (playing && s.tp !== null ? s.tp * dt : 0),
    tpMs: agg.tpMs + (playing && s.tp !== null ? dt : 0),
    ms720: agg.ms720 + (playing && isHd(s.w, s.h) ? dt : 0),
    ms1080: agg.ms1080 + (playing && isFullHd(s.w, s.h) ? dt : 0),
    droppedFrames: agg.droppedFrames + s.df,
    totalFrames: agg.totalFrames + s.tf,
    // Hidden time counts only while watching, so hiddenMs / watchMs is a share.
    hiddenMs: agg.hiddenMs + (watching && s.hidden ? dt : 0),
    upSum: agg.upSum + up * dt,
    upMax: Math.max(agg.upMax, up),
    maxW: Math.max(agg.maxW, s.w),
    maxH: Math.max(agg.maxH, s.h),
    lastW: newest ? s.w : agg.lastW,
    lastH: newest ? s.h : agg.lastH,
    lastSeq: Math.max(agg.lastSeq, s.seq),
    lastT: Math.max(agg.lastT, s.t),
  };
}

export function foldEvent(agg: Aggregates, e: PlaybackEvent): Aggregates {
  switch (e.kind) {
    case 'stall':
      return { ...agg, stallCount: agg.stallCount + 1, stallMs: agg.stallMs + e.durationMs };
    case 'startup':
      // One startup per session; should capture ever send two, keep the shorter so the fold stays order-free.
      return {
        ...agg,
        startupMs: agg.startupMs === null ? e.durationMs : Math.min(agg.startupMs, e.durationMs),
      };
    case 'seek':
      return { ...agg, seekCount: agg.seekCount + 1 };
    case 'resolution':
      return e.drop ? { ...agg, resolutionDrops: agg.resolutionDrops + 1 } : agg;
    default:
      return agg;
  }
}

/**
 * Totals over several sessions (daily and per-service roll-ups). Sums add, maxima take the max;
 * `startupMs` becomes the sum over sessions that had one (count them separately for a mean).
 */
export function mergeAggregates(a: Aggregates, b: Aggregates): Aggregates {
  const newest = b.lastT > a.lastT;
  return {
    samples: a.samples + b.samples,
    watchMs: a.watchMs + b.watchMs,
    playingMs: a.playingMs + b.playingMs,
    stallCount: a.stallCount + b.stallCount,
    stallMs: a.stallMs + b.stallMs,
    startupMs:
      a.startupMs === null ? b.startupMs : b.startupMs === null ? a.startupMs : a.startupMs + b.startupMs,
    seekCount: a.seekCount + b.seekCount,
    brSum: a.brSum + b.brSum,
    brMs: a.brMs + b.brMs,
    tpSum: a.tpSum + b.tpSum,
    tpMs: a.tpMs + b.tpMs,
    ms720: a.ms720 + b.ms720,
    ms1080: a.ms1080 + b.ms1080,
    droppedFrames: a.droppedFrames + b.droppedFrames,
    totalFrames: a.totalFrames + b.totalFrames,
    hiddenMs: a.hiddenMs + b.hiddenMs,
    upSum: a.upSum + b.upSum,
    upMax: Math.max(a.upMax, b.upMax),
    resolutionDrops: a.resolutionDrops + b.resolutionDrops,
    maxW: Math.max(a.maxW, b.maxW),
    maxH: Math.max(a.maxH, b.maxH),
    lastW: newest ? b.lastW : a.lastW,
    lastH: newest ? b.lastH : a.lastH,
    lastSeq: Math.max(a.lastSeq, b.lastSeq),
    lastT: Math.max(a.lastT, b.lastT),
  };
}

const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);

/** Time-weighted mean bitrate while playing, kbps; null when no sample carried a bitrate. */
export const meanBitrateKbps = (a: Aggregates) => ratio(a.brSum, a.brMs);
/** Time-weighted mean media throughput while playing, kbps. */
export const meanThroughputKbps = (a: Aggregates) => ratio(a.tpSum, a.tpMs);
/** Share of playing time at ≥ 720p by resolution.ts's isHd (the old "HD Verified" bar is ≥ 0.9). */
export const share720 = (a: Pick<Aggregates, 'ms720' | 'playingMs'>) => ratio(a.ms720, a.playingMs);
export const share1080 = (a: Aggregates) => ratio(a.ms1080, a.playingMs);
/** Dropped / decoded frames: a device signal, not a network one. */
export const droppedRatio = (a: Pick<Aggregates, 'droppedFrames' | 'totalFrames'>) =>
  ratio(a.droppedFrames, a.totalFrames);
/** Stall time / watch time (watch time includes the stalled intervals). */
export const rebufferFraction = (a: Aggregates) => ratio(a.stallMs, a.watchMs);
/** Time-weighted mean upscale factor over playing time. */
export const meanUpscale = (a: Pick<Aggregates, 'upSum' | 'playingMs'>) => ratio(a.upSum, a.playingMs);
