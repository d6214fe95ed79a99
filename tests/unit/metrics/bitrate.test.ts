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

describe('estimateKbps', () => {
  it.each<[string, Chunk[], number, number | undefined, number | null]>([
    ['constant 2000 kbps, window on whole chunks', build(stream(0, 20, 2000)), 10, undefined, 2000],
    ['constant 2000 kbps, window cutting chunks', build(stream(0, 20, 2000)), 7.3, undefined, 2000],
    [
      'only 1 s played: pro-rated first chunk',
      build([{ track: 'video', bytes: 1_000_000, start: 0, end: 4, at: 0 }]),
      1,
      undefined,
      2000,
    ],
    ['two rungs under a 2 s window, 1 s each', build(stream(0, 2, 1000), stream(2, 4, 3000)), 3, 2, 2000],
    [
      'switch at 10 s, playhead before it',
      build(stream(0, 10, 1000), stream(10, 20, 4000)),
      8,
      undefined,
      1000,
    ],
    [
      'switch at 10 s, window straddling it: 3 s × 1000 + 3 s × 4000',
      build(stream(0, 10, 1000), stream(10, 20, 4000)),
      13,
      undefined,
      2500,
    ],
    [
      'switch at 10 s, playhead past the window',
      build(stream(0, 10, 1000), stream(10, 20, 4000)),
      16,
      undefined,
      4000,
    ],
    [
      'switch at 10 s, 1 s window follows the playhead chunk',
      build(stream(0, 10, 1000), stream(10, 20, 4000)),
      11,
      1,
      4000,
    ],
    ['audio does not count', build(stream(0, 20, 2000), stream(0, 20, 128, 2, 'audio')), 10, undefined, 2000],
    ['nothing buffered behind the playhead yet', build(stream(30, 40, 2000)), 30, undefined, null],
    ['playhead 0: empty window', build(stream(0, 10, 2000)), 0, undefined, null],
    ['no chunks', [], 5, undefined, null],
  ])('%s', (_name, chunks, playhead, windowS, expected) => {
    const kbps = estimateKbps(chunks, playhead, windowS);
    if (expected === null) expect(kbps).toBeNull();
    else expect(kbps).toBeCloseTo(expected, 9);
  });

  it('a later append over the same media time wins (rendition switch replacing the buffer)', () => {
    const low = stream(0, 10, 1000);
    // Upswitch: the player replaces [4, 8) with 4000 kbps. Window [2, 8]: 2 s × 1000 + 4 s × 4000.
    expect(estimateKbps(build(low, stream(4, 8, 4000)), 8)).toBeCloseTo(3000, 9);
    // Downswitch over the same range: now the low one is later and wins everywhere.
    expect(estimateKbps(build(stream(0, 10, 4000), stream(0, 10, 1000)), 8)).toBeCloseTo(1000, 9);
  });

  it('a partial overlap pro-rates the earlier chunk to what the later one left', () => {
    // Earlier [0, 4) 500 kB; later [3, 5) 1 MB. Window [0, 5]: 3/4 × 500 kB + 1 MB = 1.375 MB = 11 Mbit over 5 s.
    const chunks: Chunk[] = [
      { track: 'video', bytes: 500_000, start: 0, end: 4, at: 0 },
      { track: 'video', bytes: 1_000_000, start: 3, end: 5, at: 1 },
    ];
    expect(estimateKbps(chunks, 5)).toBeCloseTo(2200, 9);
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
    expect(t.estimateKbps(6)).toBeCloseTo(1000, 9);
    t.add({ bytes: 1_000_000, start: 4, end: 6, at: 99 });
    expect(t.estimateKbps(6, 2)).toBeCloseTo(4000, 9);
    t.remove(0, 10);
    expect(t.size).toBe(0);
    expect(t.estimateKbps(6)).toBeNull();
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
    expect(t.estimateKbps(9.5, 6)).toBeCloseTo(400, 0);
    // Once the playhead is in the new rendition's media, the estimate follows it.
    expect(t.estimateKbps(16, 6)).toBeGreaterThan(1500);
  });
  it('accepts data at the playhead where nothing was buffered (after a seek)', () => {
    const t = new BitrateTrack();
    t.add(seg(100_000, 30), 30.5);
    expect(t.estimateKbps(31, 6)).toBeCloseTo(400, 0);
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
