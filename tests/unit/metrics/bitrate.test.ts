import { describe, expect, it } from 'vitest';
import {
  addChunk,
  BitrateTrack,
  type Chunk,
  estimateKbps,
  MAX_CHUNKS,
  playheadAgo,
  progressiveKbps,
  removeRange,
} from '@/utils/metrics/bitrate';

/** Consecutive `segS`-second video chunks over [from, to) at `kbps`, appended in order. */
function stream(from: number, to: number, kbps: number, segS = 2, track: Chunk['track'] = 'video'): Chunk[] {
  const out: Chunk[] = [];
  for (let s = from; s < to; s += segS)
    out.push({ track, bytes: (kbps * 1000 * segS) / 8, start: s, end: s + segS, at: s * 1000 });
  return out;
}
const build = (...parts: Chunk[][]) => parts.flat().reduce<Chunk[]>((list, c) => addChunk(list, c), []);

describe('estimateKbps: the fragment under the playhead', () => {
  it.each<[string, Chunk[], number, number | null]>([
    ['constant 2000 kbps, playhead inside a chunk', build(stream(0, 20, 2000)), 7.3, 2000],
    [
      'only 1 s played: the whole first chunk',
      build([{ track: 'video', bytes: 1_000_000, start: 0, end: 4, at: 0 }]),
      1,
      2000,
    ],
    ['playhead 0: the first chunk', build(stream(0, 10, 2000)), 0, 2000],
    ['switch at 10 s, playhead before it', build(stream(0, 10, 1000), stream(10, 20, 4000)), 9.99, 1000],
    [
      'switch at 10 s, playhead on it: the new rendition',
      build(stream(0, 10, 1000), stream(10, 20, 4000)),
      10,
      4000,
    ],
    ['switch at 10 s, 0.1 s past it', build(stream(0, 10, 1000), stream(10, 20, 4000)), 10.1, 4000],
    ['audio does not count', build(stream(0, 20, 2000), stream(0, 20, 128, 2, 'audio')), 10, 2000],
    [
      'a 0.1-s timestamp gap between segments: the nearest',
      build(stream(0, 2, 1000), stream(2.2, 4.2, 3000)),
      2.15,
      3000,
    ],
    ['nothing buffered within 0.25 s of the playhead', build(stream(30, 40, 2000)), 29.5, null],
    [
      'playhead 0.5 s past the end of the video (audio plays on): the fragment whose last frame is held',
      build(stream(0, 8, 1000), stream(8, 10, 2000)),
      10.5,
      2000,
    ],
    ['playhead more than 3 s past the end of the video', build(stream(0, 10, 2000)), 13.5, null],
    ['no chunks', [], 5, null],
    ['playhead NaN', build(stream(0, 10, 2000)), Number.NaN, null],
  ])('%s', (_name, chunks, playhead, expected) => {
    const kbps = estimateKbps(chunks, playhead);
    if (expected === null) expect(kbps).toBeNull();
    else expect(kbps).toBeCloseTo(expected, 9);
  });

  it('a later append over the same media time wins (rendition switch replacing the buffer)', () => {
    const low = stream(0, 10, 1000);
    expect(estimateKbps(build(low, stream(4, 8, 4000)), 5)).toBeCloseTo(4000, 9);
    expect(estimateKbps(build(low, stream(4, 8, 4000)), 8.5)).toBeCloseTo(1000, 9);
    // Downswitch over the same range: now the low one is later and wins everywhere.
    expect(estimateKbps(build(stream(0, 10, 4000), stream(0, 10, 1000)), 8)).toBeCloseTo(1000, 9);
  });

  it('a partial overlap: the later fragment where it lies, the earlier one elsewhere', () => {
    const chunks: Chunk[] = [
      { track: 'video', bytes: 500_000, start: 0, end: 4, at: 0 },
      { track: 'video', bytes: 1_000_000, start: 3, end: 5, at: 1 },
    ];
    expect(estimateKbps(chunks, 2)).toBeCloseTo(1000, 9);
    expect(estimateKbps(chunks, 3.5)).toBeCloseTo(4000, 9);
  });

  it('reads fragments shorter than 0.5 s together with their contiguous neighbours', () => {
    // Chunked appends of one 2-s segment: a 0.1-s keyframe chunk of 100 kB, then 0.1-s chunks of 10 kB.
    const parts: Chunk[] = [{ track: 'video', bytes: 100_000, start: 0, end: 0.1, at: 0 }];
    for (let i = 1; i < 20; i++)
      parts.push({ track: 'video', bytes: 10_000, start: i / 10, end: i / 10 + 0.1, at: i });
    const chunks = build(parts);
    // Alone the keyframe chunk says 8,000 kbps; with the next four (0.5 s): 140 kB over 0.5 s.
    expect(estimateKbps(chunks, 0.05)).toBeCloseTo(2240, 6);
    // Near the end of the run only earlier neighbours are left to widen over.
    expect(estimateKbps(chunks, 1.95)).toBeCloseTo(800, 6);
  });
});

describe('addChunk', () => {
  it('drops an earlier chunk of the same track that the new one covers, but not other tracks', () => {
    const list = build(stream(0, 4, 1000), stream(0, 4, 128, 2, 'audio'), [
      { track: 'video', bytes: 9, start: 0, end: 2, at: 5 },
    ]);
    expect(list.map((c) => [c.track, c.start, c.end, c.bytes])).toEqual([
      ['video', 2, 4, 250_000],
      ['audio', 0, 2, 32_000],
      ['audio', 2, 4, 32_000],
      ['video', 0, 2, 9],
    ]);
  });

  it.each([
    ['NaN bytes', { bytes: Number.NaN, start: 0, end: 2 }],
    ['negative bytes', { bytes: -1, start: 0, end: 2 }],
    ['empty span', { bytes: 10, start: 2, end: 2 }],
    ['reversed span', { bytes: 10, start: 3, end: 2 }],
    ['infinite end', { bytes: 10, start: 0, end: Number.POSITIVE_INFINITY }],
    ['an hour in one append', { bytes: 10, start: 0, end: 3600 }],
  ])('ignores a chunk with %s', (_name, c) => {
    expect(addChunk([], { track: 'video', at: 0, ...c })).toEqual([]);
  });

  it(`keeps at most ${MAX_CHUNKS} chunks, dropping the oldest appends`, () => {
    let list: Chunk[] = [];
    for (let i = 0; i < MAX_CHUNKS + 500; i++)
      list = addChunk(list, { track: 'video', bytes: i, start: i * 0.01, end: i * 0.01 + 0.01, at: i }, 0);
    expect(list).toHaveLength(MAX_CHUNKS);
    expect(list[0]?.bytes).toBe(500);
  });

  it('forgets chunks ending more than 120 s before the playhead', () => {
    const list = addChunk(
      build(stream(0, 200, 1000)),
      { track: 'video', bytes: 1, start: 300, end: 302, at: 0 },
      300,
    );
    expect(list.map((c) => c.start)).toEqual([178, 180, 182, 184, 186, 188, 190, 192, 194, 196, 198, 300]);
  });
});

describe('removeRange', () => {
  it('keeps the pro-rated parts of a chunk straddling the removed range', () => {
    const list = removeRange([{ track: 'video', bytes: 4000, start: 0, end: 4, at: 0 }], 1, 2);
    expect(list.map((c) => [c.start, c.end, c.bytes])).toEqual([
      [0, 1, 1000],
      [2, 4, 2000],
    ]);
  });

  it('removes only the given track and leaves the estimate where nothing is buffered', () => {
    const list = removeRange(build(stream(0, 10, 1000), stream(0, 10, 128, 2, 'audio')), 0, 10, 'video');
    expect(list.every((c) => c.track === 'audio')).toBe(true);
    expect(estimateKbps(list, 8)).toBeNull();
  });
});

describe('BitrateTrack (one SourceBuffer)', () => {
  it('adds, replaces, removes and estimates', () => {
    const t = new BitrateTrack();
    for (const c of stream(0, 10, 1000)) t.add(c);
    expect(t.estimateKbps(5)).toBeCloseTo(1000, 9);
    t.add({ bytes: 1_000_000, start: 4, end: 6, at: 99 });
    expect(t.estimateKbps(5)).toBeCloseTo(4000, 9);
    t.remove(0, 10);
    expect(t.size).toBe(0);
    expect(t.estimateKbps(5)).toBeNull();
  });
});

describe('progressiveKbps', () => {
  it.each([
    [10_000_000, 80, 1000],
    [0, 80, null],
    [10_000_000, 0, null],
    [10_000_000, Number.NaN, null],
    [10_000_000, Number.POSITIVE_INFINITY, null],
  ])('%s bytes over %s s → %s kbps', (bytes, seconds, expected) => {
    expect(progressiveKbps(bytes, seconds)).toBe(expected);
  });
});

describe('BitrateTrack: a re-append of the media already playing', () => {
  const seg = (bytes: number, start: number) => ({ bytes, start, end: start + 2, at: 0 });
  it('keeps the rendition that is on screen when a switch replaces the segment under the playhead', () => {
    const t = new BitrateTrack();
    for (let i = 0; i < 5; i++) t.add(seg(100_000, i * 2), 0);
    // dash.js fast switch at playhead 8.6: [8,10] comes again at 720p, then [10,12] ahead.
    t.add(seg(625_000, 8), 8.6);
    t.add(seg(625_000, 10), 8.6);
    expect(t.estimateKbps(9.5)).toBeCloseTo(400, 0);
    // Once the playhead is in the new rendition's media, the estimate follows it.
    expect(t.estimateKbps(10.2)).toBeCloseTo(2500, 0);
  });
  it('accepts data at the playhead where nothing was buffered (after a seek)', () => {
    const t = new BitrateTrack();
    t.add(seg(100_000, 30), 30.5);
    expect(t.estimateKbps(31)).toBeCloseTo(400, 0);
  });
});

describe('playheadAgo: where the playhead was when a batched append finished', () => {
  it('goes back by the age at the playback rate while playing', () => {
    expect(playheadAgo(10, false, 1, 180)).toBeCloseTo(9.82, 5);
    expect(playheadAgo(10, false, 2, 500)).toBeCloseTo(9, 5);
  });

  it('stays put while paused, at rate 0, for no age, and never goes below 0', () => {
    expect(playheadAgo(10, true, 1, 180)).toBe(10);
    expect(playheadAgo(10, false, 0, 180)).toBe(10);
    expect(playheadAgo(10, false, 1, 0)).toBe(10);
    expect(playheadAgo(0.1, false, 1, 500)).toBe(0);
  });

  it('lets a batched append that was ahead of the playhead count, as it did when sent at once', () => {
    const t = new BitrateTrack();
    t.add({ bytes: 250_000, start: 0, end: 10, at: 0 });
    // Appended at playhead 9.9 to replace [10, 12); by the time the batch arrives the playhead is 10.05.
    t.add({ bytes: 250_000, start: 9.95, end: 12, at: 0 }, playheadAgo(10.05, false, 1, 150));
    expect(t.size).toBe(2);
  });
});

describe('BitrateTrack: a player that removes the buffer ahead, then re-appends the segment under the playhead', () => {
  it('keeps the old data where it still is, and the new data past where the old was removed', () => {
    const t = new BitrateTrack();
    for (let s = 24; s < 32; s += 2) t.add({ bytes: 125_000, start: s, end: s + 2, at: 0 }, 24);
    // At playhead 30.1 the player clears [30.2, ∞), then appends [30, 32) at 720p.
    t.remove(30.2, 1e7);
    t.add({ bytes: 625_000, start: 30, end: 32, at: 1 }, 30.15);
    expect(t.estimateKbps(30.1)).toBeCloseTo(500, 6);
    expect(t.estimateKbps(31.3)).toBeCloseTo(2500, 6);
  });
});
