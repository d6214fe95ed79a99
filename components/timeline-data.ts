/**
 * The timeline's series, ready to draw: samples bucketed per pixel column, and a bitrate axis that stays
 * readable when throughput dwarfs it (loopback or fibre easily reach 100× the video bitrate). Throughput
 * above the axis is drawn at the top edge and reported in words, never silently dropped. Pure.
 */
import type { PlaybackEvent, Sample, StallEvent } from '@/utils/schema/playback';
import { buckets, meanOf, niceMax } from './chart-scale';

/** The kbps axis reaches at most this multiple of the highest bitrate to fit throughput. */
export const THROUGHPUT_HEADROOM = 4;

export interface TimelinePoint {
  t: number;
  br: number | null;
  tp: number | null;
  h: number | null;
}

export interface TimelineData {
  t0: number;
  t1: number;
  points: TimelinePoint[];
  stalls: StallEvent[];
  /** Top of the kbps axis. */
  kTop: number;
  /** Top of the resolution axis (the highest frame height seen). */
  hTop: number;
  /** Highest throughput when it is above kTop, else null. */
  tpOffScale: number | null;
}

const isStall = (e: PlaybackEvent): e is StallEvent => e.kind === 'stall';
const maxOf = (ns: (number | null)[]) => Math.max(0, ...ns.map((n) => n ?? 0));

export function timelineData(
  samples: readonly Sample[],
  events: readonly PlaybackEvent[],
  columns: number,
): TimelineData | null {
  const sorted = [...samples].sort((a, b) => a.t - b.t);
  const stalls = events.filter(isStall);
  const first = sorted[0];
  const last = sorted.at(-1);
  if (!first || !last) return null;
  const points = buckets(sorted, (s) => s.t, Math.max(1, Math.floor(columns))).map((g) => {
    const hs = g.map((s) => s.h).filter((h) => h > 0);
    return {
      t: g[0]?.t ?? first.t,
      br: meanOf(g.map((s) => s.br)),
      tp: meanOf(g.map((s) => s.tp)),
      h: hs.length ? Math.min(...hs) : null,
    };
  });
  const brMax = maxOf(points.map((p) => p.br));
  const tpMax = maxOf(points.map((p) => p.tp));
  const kTop = niceMax(brMax > 0 ? Math.max(brMax, Math.min(tpMax, brMax * THROUGHPUT_HEADROOM)) : tpMax);
  return {
    t0: Math.min(first.t, ...stalls.map((e) => e.t)),
    t1: Math.max(last.t, ...stalls.map((e) => e.t + e.durationMs)),
    points,
    stalls,
    kTop,
    hTop: Math.max(1, maxOf(points.map((p) => p.h))),
    tpOffScale: tpMax > kTop ? tpMax : null,
  };
}
