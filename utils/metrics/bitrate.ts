/**
 * Video bitrate from what the player appends to MSE: the bytes of the fragment under the playhead over
 * the media seconds it spans, so the record names the rendition on screen. Players reuse one SourceBuffer across renditions, so where a later append
 * covers the media time of an earlier one it replaced that data, and the later one wins.
 * Chunk lists are bounded (MAX_CHUNKS, ±KEEP_AROUND_S of the playhead); every function returns a new list.
 */
import { plausibleSpan } from '../schema/limits';
import type { TrackKind } from './fmp4';

export type { TrackKind } from './fmp4';
export { intervalKbps, type RequestThroughput, requestThroughput, type TimingEntry } from './throughput';

/** One append: its bytes and the media seconds [start, end) it added; `at` is wall ms. */
export interface Span {
  bytes: number;
  start: number;
  end: number;
  at: number;
  /**
   * Media seconds of the whole append this is what remains of (a remove or an overlap cut it): a piece
   * of a 2-s fragment is no short fragment, and is read at the whole fragment's rate.
   */
  of?: number;
}
export interface Chunk extends Span {
  track: TrackKind;
}

export const MAX_CHUNKS = 2000;
export const KEEP_AROUND_S = 120;
/** An append claiming more media than this is not a segment we can trust. */
const MAX_SPAN_S = 600;

/** Too short a span or too high a rate (schema/limits.ts) is a forged append: it gives no rate. */
const valid = (c: Span) =>
  Number.isFinite(c.bytes) &&
  c.bytes >= 0 &&
  Number.isFinite(c.start) &&
  Number.isFinite(c.end) &&
  c.end > c.start &&
  c.end - c.start <= MAX_SPAN_S &&
  plausibleSpan(c.bytes, c.start, c.end);

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
    const of = c.of ?? c.end - c.start;
    if (c.start < start) out.push({ ...c, end: start, bytes: perS * (start - c.start), of });
    if (c.end > end) out.push({ ...c, start: end, bytes: perS * (c.end - end), of });
  }
  return out;
}

/** How far the playhead may sit outside every span (a timestamp gap between segments) and still be read. */
export const GAP_S = 0.25;
/**
 * A fragment shorter than this (chunked CMAF, a player appending part of a segment) is read together
 * with its contiguous neighbours: one frame's bytes say little about the rendition's rate.
 */
export const MIN_SEGMENT_S = 0.5;
/**
 * How long the playhead may run on past the end of the video data with its last frame still on screen:
 * Chromium keeps the clock going on audio for up to 3 s after video runs out (renderer_impl.cc,
 * kDefaultVideoUnderflowThresholdMs) before it stops playback as a stall.
 */
export const HELD_FRAME_S = 3;
/** Two spans are contiguous when one ends within this of where the other starts. */
const JOIN_S = 0.05;

/** 0 inside [start, end); just past `end` counts as outside, so the next fragment wins at a boundary. */
const distance = (c: Span, t: number) => (t < c.start ? c.start - t : t < c.end ? 0 : t - c.end + 1e-9);

/**
 * kbps of the fragment under the playhead: its bytes over its media span. Where appends overlap, the
 * later one is what the buffer holds (list order is append order). So the figure changes exactly when
 * the playhead crosses into the next rendition's data. With nothing within GAP_S, the playhead has run
 * past the video (audio plays on, the last frame held): the fragment that frame came from, up to
 * HELD_FRAME_S back; null beyond that.
 */
export function segmentKbps(spans: readonly Span[], playhead: number): number | null {
  if (!Number.isFinite(playhead)) return null;
  const here = fragmentKbps(spans, playhead);
  if (here !== null) return here;
  let held = Number.NEGATIVE_INFINITY;
  for (const c of spans) {
    if (valid(c) && c.end <= playhead && c.end > held && playhead - c.end <= HELD_FRAME_S) held = c.end;
  }
  return held > Number.NEGATIVE_INFINITY ? fragmentKbps(spans, held - 1e-6) : null;
}

function fragmentKbps(spans: readonly Span[], playhead: number): number | null {
  let at = -1;
  let best = GAP_S;
  for (let i = spans.length - 1; i >= 0; i--) {
    const c = spans[i];
    if (!c || !valid(c)) continue;
    const d = distance(c, playhead);
    if (d < best) {
      best = d;
      at = i;
    }
    if (d === 0) break;
  }
  const c = spans[at];
  if (!c) return null;
  let bytes = c.bytes;
  let lo = c.start;
  let hi = c.end;
  // A short fragment: widen over the contiguous media on either side, nearest append first.
  for (let step = 0; (c.of ?? hi - lo) < MIN_SEGMENT_S && hi - lo < MIN_SEGMENT_S && step < 64; step++) {
    const next = latestAt(spans, (x) => Math.abs(x.start - hi) <= JOIN_S);
    const prev = next ? undefined : latestAt(spans, (x) => Math.abs(x.end - lo) <= JOIN_S);
    const n = next ?? prev;
    if (!n) break;
    bytes += n.bytes;
    lo = Math.min(lo, n.start);
    hi = Math.max(hi, n.end);
  }
  return (bytes * 8) / (hi - lo) / 1000;
}

/** The latest-appended valid span matching `fits`. */
function latestAt(spans: readonly Span[], fits: (c: Span) => boolean): Span | undefined {
  for (let i = spans.length - 1; i >= 0; i--) {
    const c = spans[i];
    if (c && valid(c) && fits(c)) return c;
  }
  return undefined;
}

/** Video bitrate at the playhead from a mixed-track chunk list. */
export function estimateKbps(chunks: readonly Chunk[], playhead: number): number | null {
  return segmentKbps(
    chunks.filter((c) => c.track === 'video'),
    playhead,
  );
}

/** A plain `<video src>` file: its size over its duration (pass the whole file's bytes where known). */
export function progressiveKbps(bytesFetched: number, durationS: number): number | null {
  if (!(bytesFetched > 0) || !(durationS > 0) || !Number.isFinite(durationS)) return null;
  return (bytesFetched * 8) / 1000 / durationS;
}

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
   * so where older data covers that range the older data is what plays, and the newer is ignored there.
   * Past the end of the older data (a player that removed the rest of the buffer before re-appending)
   * only the newer data is there to play, so that part of it counts, at the same rate.
   */
  add(span: Span, playhead?: number): void {
    if (playhead !== undefined && span.start < playhead) {
      const until = this.coveredUntil(span.start);
      if (until >= Math.min(span.end, playhead) - JOIN_S) {
        if (until >= span.end - JOIN_S) return;
        const perS = span.bytes / (span.end - span.start);
        this.chunks = addChunk(
          this.chunks,
          { ...span, start: until, bytes: perS * (span.end - until) },
          playhead,
        );
        return;
      }
    }
    this.chunks = addChunk(this.chunks, span, playhead);
  }

  /** How far older data covers the media from `start` on without a gap (`start` when nothing does). */
  private coveredUntil(start: number): number {
    let until = start;
    let covering = false;
    for (let grew = true; grew; ) {
      grew = false;
      for (const c of this.chunks) {
        if (c.start <= until + JOIN_S && c.end > until && (covering || c.start <= start + JOIN_S)) {
          until = c.end;
          covering = grew = true;
        }
      }
    }
    return covering ? until : start;
  }

  remove(start: number, end: number): void {
    this.chunks = removeRange(this.chunks, start, end);
  }

  /** kbps of the fragment under the playhead (segmentKbps). */
  estimateKbps(playhead: number): number | null {
    return segmentKbps(this.chunks, playhead);
  }

  get size(): number {
    return this.chunks.length;
  }
}
