import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InitInfo, parseInit, parseMediaSegment } from '@/utils/metrics/fmp4';
import { cat, DASH_DIR, encodeFragmented, ffprobeVideo } from './media-helpers';

// A tiny ISO-BMFF builder: every box is size + type + payload, big-endian.
const u32 = (...ns: number[]) => {
  const b = new Uint8Array(4 * ns.length);
  const v = new DataView(b.buffer);
  for (const [i, n] of ns.entries()) v.setUint32(4 * i, n);
  return b;
};
const u64 = (n: number) => u32(Math.floor(n / 2 ** 32), n % 2 ** 32);
const ascii = (s: string) => new Uint8Array([...s].map((c) => c.charCodeAt(0)));
const box = (type: string, ...payload: Uint8Array[]) => {
  const body = cat(...payload);
  return cat(u32(8 + body.length), ascii(type), body);
};
const full = (type: string, version: number, flags: number, ...payload: Uint8Array[]) =>
  box(type, u32(version * 2 ** 24 + flags), ...payload);

function trak(id: number, timescale: number, handler: string, version = 0) {
  const times = version === 1 ? cat(u64(0), u64(0)) : u32(0, 0);
  return box(
    'trak',
    full('tkhd', version, 3, times, u32(id, 0), new Uint8Array(60)),
    box(
      'mdia',
      full('mdhd', version, 0, times, u32(timescale), version === 1 ? u64(0) : u32(0), u32(0)),
      full('hdlr', 0, 0, u32(0), ascii(handler), u32(0, 0, 0), ascii('x\0')),
    ),
  );
}
const trex = (id: number, duration: number) => full('trex', 0, 0, u32(id, 1, duration, 0, 0));

const INIT = cat(
  box('ftyp', ascii('iso6'), u32(0), ascii('iso6')),
  box(
    'moov',
    full('mvhd', 0, 0, new Uint8Array(96)),
    trak(1, 90_000, 'vide'),
    trak(2, 48_000, 'soun', 1),
    box('mvex', trex(1, 3000), trex(2, 1024)),
  ),
);

/** A moof for one track: tfdt base (64-bit), one trun with per-sample durations (or none). */
function moof(
  id: number,
  base: number,
  durations: number[] | { count: number },
  tfhd = { flags: 0x20000, extra: [] as number[] },
) {
  const perSample = Array.isArray(durations);
  const count = perSample ? durations.length : durations.count;
  // trun flags: data offset (0x1) + sample size (0x200), plus sample duration (0x100) when given.
  const samples = perSample ? durations.flatMap((d) => [d, 100]) : Array.from({ length: count }, () => 100);
  return box(
    'moof',
    full('mfhd', 0, 0, u32(1)),
    box(
      'traf',
      full('tfhd', 0, tfhd.flags, u32(id, ...tfhd.extra)),
      full('tfdt', 1, 0, u64(base)),
      full('trun', 0, 0x201 | (perSample ? 0x100 : 0), u32(count, 0, ...samples)),
    ),
  );
}
const mdat = (n: number) => box('mdat', new Uint8Array(n));

const init = parseInit(INIT) as InitInfo;

describe('parseInit', () => {
  it('reads id, timescale, handler and trex default per track (v0 and v1 boxes)', () => {
    expect([...init.tracks.values()]).toEqual([
      { id: 1, timescale: 90_000, kind: 'video', defaultSampleDuration: 3000 },
      { id: 2, timescale: 48_000, kind: 'audio', defaultSampleDuration: 1024 },
    ]);
  });

  it('is null for a media segment, an empty buffer and a moov without tracks', () => {
    expect(parseInit(cat(moof(1, 0, [3000]), mdat(10)))).toBeNull();
    expect(parseInit(new Uint8Array(0))).toBeNull();
    expect(parseInit(box('moov', full('mvhd', 0, 0, new Uint8Array(96))))).toBeNull();
  });
});

describe('parseMediaSegment', () => {
  it.each<[string, Uint8Array, { start: number; end: number; mdatBytes: number; trackId: number }]>([
    [
      'per-sample durations: 3 × 3000 ticks at 90 kHz from 10 s',
      cat(moof(1, 900_000, [3000, 3000, 3000]), mdat(100)),
      { start: 10, end: 10.1, mdatBytes: 100, trackId: 1 },
    ],
    [
      'tfhd default duration after a base data offset and description index',
      cat(moof(1, 0, { count: 10 }, { flags: 0x1 | 0x2 | 0x8, extra: [0, 64, 1, 4500] }), mdat(7)),
      { start: 0, end: 0.5, mdatBytes: 7, trackId: 1 },
    ],
    [
      'trex default when tfhd has none',
      cat(moof(1, 90_000, { count: 30 }), mdat(7)),
      { start: 1, end: 2, mdatBytes: 7, trackId: 1 },
    ],
    [
      'several moof/mdat pairs in one append, behind styp and sidx',
      cat(
        box('styp', ascii('msdh')),
        full('sidx', 0, 0, u32(1, 90_000, 0, 0, 0)),
        moof(1, 180_000, { count: 30 }),
        mdat(50),
        moof(1, 270_000, { count: 30 }),
        mdat(60),
      ),
      { start: 2, end: 4, mdatBytes: 110, trackId: 1 },
    ],
    [
      'muxed audio + video: the video track wins',
      cat(moof(2, 96_000, [1024, 1024]), moof(1, 180_000, [3000]), mdat(5)),
      { start: 2, end: 2 + 3000 / 90_000, mdatBytes: 5, trackId: 1 },
    ],
    [
      'audio-only append',
      cat(moof(2, 48_000, [1024, 1024, 1024]), mdat(9)),
      { start: 1, end: 1 + 3072 / 48_000, mdatBytes: 9, trackId: 2 },
    ],
    [
      'an mdat with a 64-bit largesize header',
      cat(moof(1, 0, [90_000]), u32(1), ascii('mdat'), u64(16 + 20), new Uint8Array(20)),
      { start: 0, end: 1, mdatBytes: 20, trackId: 1 },
    ],
  ])('%s', (_name, bytes, expected) => {
    expect(parseMediaSegment(bytes, init)).toMatchObject(expected);
  });

  it('reads a segment that sits inside a larger buffer (non-zero byteOffset)', () => {
    const seg = cat(moof(1, 900_000, [3000]), mdat(10));
    const big = cat(new Uint8Array(13), seg, new Uint8Array(5));
    expect(parseMediaSegment(big.subarray(13, 13 + seg.length), init)).toMatchObject({
      start: 10,
      mdatBytes: 10,
    });
  });

  it('is null without a tfdt, for an unknown track, and for an init segment', () => {
    const noTfdt = box('moof', box('traf', full('tfhd', 0, 0, u32(1)), full('trun', 0, 0x100, u32(1, 3000))));
    expect(parseMediaSegment(noTfdt, init)).toBeNull();
    expect(parseMediaSegment(cat(moof(9, 0, [3000]), mdat(1)), init)).toBeNull();
    expect(parseMediaSegment(INIT, init)).toBeNull();
  });
});

describe('hostile input', () => {
  const seg = cat(moof(1, 900_000, [3000, 3000]), mdat(100));

  it('never throws on any truncation of an init or a segment', () => {
    for (let n = 0; n < INIT.length; n++) expect(() => parseInit(INIT.subarray(0, n))).not.toThrow();
    for (let n = 0; n < seg.length; n++) {
      const r = parseMediaSegment(seg.subarray(0, n), init);
      // Until the moof is complete there is nothing to report.
      if (n < seg.length - 108) expect(r).toBeNull();
    }
  });

  it('never throws on random bytes or on boxes that lie about their size', () => {
    let x = 12345;
    const rand = () => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return x / 2 ** 32;
    };
    for (let i = 0; i < 2000; i++) {
      const junk = Uint8Array.from({ length: Math.floor(rand() * 300) }, () => Math.floor(rand() * 256));
      // Sometimes splice real box types in, so the walker goes deeper than the first header.
      if (junk.length > 40 && rand() < 0.5)
        junk.set(ascii(['moov', 'moof', 'traf', 'trak', 'trun'][i % 5] as string), 4);
      expect(() => parseInit(junk)).not.toThrow();
      expect(() => parseMediaSegment(junk, init)).not.toThrow();
    }
    const liar = cat(u32(0xffffffff), ascii('moof'), u32(3), ascii('traf'));
    expect(parseMediaSegment(liar, init)).toBeNull();
    const tooSmall = cat(u32(4), ascii('moof'), new Uint8Array(20));
    expect(parseMediaSegment(tooSmall, init)).toBeNull();
    const hugeCount = box(
      'moof',
      box(
        'traf',
        full('tfhd', 0, 0, u32(1)),
        full('tfdt', 0, 0, u32(0)),
        full('trun', 0, 0x100, u32(0xffffffff, 1)),
      ),
    );
    expect(parseMediaSegment(hugeCount, init)).toBeNull();
  });
});

describe('real fMP4 media', () => {
  let dir = '';
  let gen: { init: Uint8Array; fragments: Uint8Array[] } = { init: new Uint8Array(), fragments: [] };
  const firstTwo = () => cat(gen.fragments[0] as Uint8Array, gen.fragments[1] as Uint8Array);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sw-fmp4-'));
    gen = encodeFragmented(dir, 'out', ['-t', '4', '-g', '30']);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('parses ffmpeg output: 1 s fragments that tile 0–4 s, two per append making 2 s', () => {
    const info = parseInit(gen.init) as InitInfo;
    expect([...info.tracks.values()]).toEqual([
      expect.objectContaining({ kind: 'video', timescale: expect.any(Number) }),
    ]);
    const segs = gen.fragments.map((f) => parseMediaSegment(f, info));
    expect(segs.map((s) => [s?.start, s?.end])).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
    ]);
    const two = parseMediaSegment(firstTwo(), info);
    expect(two).toMatchObject({
      start: 0,
      end: 2,
      mdatBytes: (segs[0]?.mdatBytes ?? 0) + (segs[1]?.mdatBytes ?? 0),
    });
    expect(two?.mdatBytes).toBe(ffprobeVideo(dir, gen.init, firstTwo()).bytes);
  });

  it(`parses a real DASH init + segment as ffprobe does (${existsSync(DASH_DIR) ? 'DASH cache' : 'no DASH cache: ffmpeg media'})`, () => {
    let pair: [Uint8Array, Uint8Array] = [gen.init, firstTwo()];
    if (existsSync(DASH_DIR)) {
      const found = findDashPair(DASH_DIR);
      expect(found, `no init + media segment pair under ${DASH_DIR}`).not.toBeNull();
      pair = found as [Uint8Array, Uint8Array];
    }
    const seg = parseMediaSegment(pair[1], parseInit(pair[0]) as InitInfo);
    const seconds = (seg?.end ?? 0) - (seg?.start ?? 0);
    expect(seconds).toBeGreaterThan(1.9);
    expect(seconds).toBeLessThan(2.1);
    const truth = ffprobeVideo(dir, pair[0], pair[1]);
    expect(seconds).toBeCloseTo(truth.seconds, 3);
    expect(seg?.mdatBytes).toBe(truth.bytes);
  });
});

/** The first video init in the cache and the first media segment beside it that it can read. */
function findDashPair(root: string): [Uint8Array, Uint8Array] | null {
  const dirs = [
    root,
    ...readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => join(d.parentPath, d.name)),
  ];
  for (const d of dirs) {
    const files = readdirSync(d)
      .filter((f) => /\.(m4s|mp4|m4v|cmfv)$/i.test(f))
      .sort();
    for (const initName of files.filter((f) => /init/i.test(f))) {
      const initBytes = new Uint8Array(readFileSync(join(d, initName)));
      const info = parseInit(initBytes);
      if (![...(info?.tracks.values() ?? [])].some((t) => t.kind === 'video')) continue;
      const key = initName.replace(/init[-_]?/i, '').replace(/\.\w+$/, '');
      for (const segName of files.filter((f) => !/init/i.test(f) && f.includes(key))) {
        const bytes = new Uint8Array(readFileSync(join(d, segName)));
        if (info && parseMediaSegment(bytes, info)) return [initBytes, bytes];
      }
    }
  }
  return null;
}
