/**
 * Video bitrate from what the player appends to MSE: bits per media second of the chunks covering the
 * playhead's recent past. Players reuse one SourceBuffer across renditions, so where a later append
 * covers the media time of an earlier one it replaced that data, and the later one wins.
 * Chunk lists are bounded (MAX_CHUNKS, ±KEEP_AROUND_S of the playhead); every function returns a new list.
 */
import type { TrackKind } from './fmp4';

export type { TrackKind } from './fmp4';
export { intervalKbps, type RequestThroughput, requestThroughput, type TimingEntry } from './throughput';

/** One append: its bytes and the media seconds [start, end) it added; `at` is wall ms. */
export interface Span {
  bytes: number;
  start: number;
  end: number;
  at: number;
}
export interface Chunk extends Span {
  track: TrackKind;
}

export const MAX_CHUNKS = 2000;
export const KEEP_AROUND_S = 120;
export const DEFAULT_WINDOW_S = 6;
/** An append claiming more media than this is not a segment we can trust. */
const MAX_SPAN_S = 600;

const valid = (c: Span) =>
  Number.isFinite(c.bytes) &&
  c.bytes >= 0 &&
  Number.isFinite(c.start) &&
  Number.isFinite(c.end) &&
  c.end > c.start &&
  c.end - c.start <= MAX_SPAN_S;

const sameTrack = (a: Span, b: Span) => !('track' in a) || !('track' in b) || a.track === b.track;

/**
 * Appends a chunk: drops earlier chunks of its track that it covers entirely, chunks further than
 * KEEP_AROUND_S from `near` (the playhead, or else the new chunk), and the oldest beyond MAX_CHUNKS.
 */
export function addChunk<T extends Span>(chunks: readonly T[], chunk: T, near = chunk.start): T[] {
  if (!valid(chunk)) return [...chunks];
  const kept = chunks.filter(
    (c) =>
      !(sameTrack(c, chunk) && c.start >= chunk.start && c.end <= chunk.end) &&
      c.end >= near - KEEP_AROUND_S &&
      c.start <= near + KEEP_AROUND_S,
  );
  kept.push(chunk);
  return kept.length > MAX_CHUNKS ? kept.slice(kept.length - MAX_CHUNKS) : kept;
}

/** SourceBuffer.remove(start, end): chunks inside go, chunks straddling an edge keep their pro-rated rest. */
export function removeRange<T extends Span>(
  chunks: readonly T[],
  start: number,
  end: number,
  track?: TrackKind,
): T[] {
  const out: T[] = [];
  for (const c of chunks) {
    const hit =
      (track === undefined || !('track' in c) || c.track === track) && c.start < end && c.end > start;
    if (!hit) {
      out.push(c);
      continue;
    }
    const perS = c.bytes / (c.end - c.start);
    if (c.start < start) out.push({ ...c, end: start, bytes: perS * (start - c.start) });
    if (c.end > end) out.push({ ...c, start: end, bytes: perS * (c.end - end) });
  }
  return out;
}

/**
 * kbps of the spans over media time [playhead − windowS, playhead], each pro-rated by its overlap; where
 * spans overlap, the later one counts. Null when nothing covers the window.
 */
export function spanKbps(
  spans: readonly Span[],
  playhead: number,
  windowS = DEFAULT_WINDOW_S,
): number | null {
  const lo = playhead - windowS;
  const hi = playhead;
  if (!(hi > lo)) return null;
  let covered: Array<[number, number]> = [];
  let bits = 0;
  let seconds = 0;
  for (let i = spans.length - 1; i >= 0; i--) {
    const c = spans[i];
    if (!c || !valid(c)) continue;
    const a = Math.max(c.start, lo);
    const b = Math.min(c.end, hi);
    if (!(b > a)) continue;
    const free = covered.reduce((parts, [x, y]) => parts.flatMap((p) => subtract(p, x, y)), [[a, b]] as Array<
      [number, number]
    >);
    for (const [x, y] of free) {
      bits += (c.bytes * 8 * (y - x)) / (c.end - c.start);
      seconds += y - x;
    }
    covered = covered.concat(free);
  }
  return seconds > 0 ? bits / seconds / 1000 : null;
}

/** Video bitrate at the playhead from a mixed-track chunk list. */
export function estimateKbps(
  chunks: readonly Chunk[],
  playhead: number,
  windowS = DEFAULT_WINDOW_S,
): number | null {
  return spanKbps(
    chunks.filter((c) => c.track === 'video'),
    playhead,
    windowS,
  );
}

/** A plain `<video src>` file: its size over its duration (pass the whole file's bytes where known). */
export function progressiveKbps(bytesFetched: number, durationS: number): number | null {
  if (!(bytesFetched > 0) || !(durationS > 0) || !Number.isFinite(durationS)) return null;
  return (bytesFetched * 8) / 1000 / durationS;
}

function subtract([a, b]: [number, number], x: number, y: number): Array<[number, number]> {
  if (y <= a || x >= b) return [[a, b]];
  const out: Array<[number, number]> = [];
  if (x > a) out.push([a, x]);
  if (y < b) out.push([y, b]);
  return out;
}

/** The chunks of one SourceBuffer, for the content script to hold per buffer. No clock, no I/O. */
/**
 * Where a playhead now at `currentTime` was `ageMs` ago, had it moved at `rate` all along (it did not
 * while paused). Through a stall it says earlier than it was, which only makes BitrateTrack.add keep
 * an append it might have ignored.
 */
export function playheadAgo(currentTime: number, paused: boolean, rate: number, ageMs: number): number {
  if (paused || !(rate > 0) || !(ageMs > 0)) return currentTime;
  return Math.max(0, currentTime - (ageMs / 1000) * rate);
}

export class BitrateTrack {
  private chunks: Span[] = [];

  /**
   * `playhead` is where the element was when the append finished. A chunk that starts behind it
   * re-buffers media already playing: the decoder keeps the frames it has until the next keyframe,
   * so where older data covers that range the older data is what plays, and the newer is ignored.
   */
  add(span: Span, playhead?: number): void {
    if (
      playhead !== undefined &&
      span.start < playhead &&
      this.covered(span.start, Math.min(span.end, playhead))
    )
      return;
    this.chunks = addChunk(this.chunks, span, playhead);
  }

  private covered(start: number, end: number): boolean {
    return this.chunks.some((c) => c.start <= start + 0.05 && c.end >= end - 0.05);
  }

  remove(start: number, end: number): void {
    this.chunks = removeRange(this.chunks, start, end);
  }

  estimateKbps(playhead: number, windowS = DEFAULT_WINDOW_S): number | null {
    return spanKbps(this.chunks, playhead, windowS);
  }

  get size(): number {
    return this.chunks.length;
  }
}
