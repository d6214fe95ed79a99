import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addChunk, type Chunk, estimateKbps } from '@/utils/metrics/bitrate';
import { type InitInfo, parseInit, parseMediaSegment } from '@/utils/metrics/fmp4';
import { dashRepresentation, encodeFragmented, ffprobeVideo } from './media-helpers';

interface Rung {
  init: Uint8Array;
  segments: Uint8Array[];
}

/** What the probe would report for appending segments [from, to) (0-based) of a rung. */
function appendChunks(rung: Rung, from: number, to: number): Chunk[] {
  const info = parseInit(rung.init) as InitInfo;
  return rung.segments.slice(from, to).map((bytes, i) => {
    const seg = parseMediaSegment(bytes, info);
    if (!seg) throw new Error(`segment ${from + i} did not parse`);
    return { track: seg.kind, bytes: seg.mdatBytes, start: seg.start, end: seg.end, at: i };
  });
}

describe('video bitrate from real fMP4 appends, against ffprobe', () => {
  let dir = '';
  let low: Rung;
  let high: Rung;
  let source = '';
  /** ffprobe's kbps over whole segments: Σ packet bytes · 8 / Σ packet seconds. */
  const truth = (parts: Array<[Rung, number]>) => {
    const t = parts.map(([rung, i]) => ffprobeVideo(dir, rung.init, rung.segments[i] as Uint8Array));
    return (t.reduce((n, p) => n + p.bytes, 0) * 8) / t.reduce((n, p) => n + p.seconds, 0) / 1000;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sw-bitrate-'));
    const dashLow = dashRepresentation('240p', 5);
    const dashHigh = dashRepresentation('1080p', 5);
    if (dashLow && dashHigh) {
      [low, high, source] = [dashLow, dashHigh, 'DASH cache 240p → 1080p'];
      return;
    }
    const enc = (name: string, kbps: string) => {
      const r = encodeFragmented(dir, name, ['-t', '10', '-g', '60', '-b:v', kbps]);
      return { init: r.init, segments: r.fragments };
    };
    [low, high, source] = [enc('low', '150k'), enc('high', '1500k'), 'ffmpeg 150k → 1500k'];
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('one rung: the estimate at each playhead is the bytes of the segment under it over its duration', () => {
    const chunks = appendChunks(high, 0, 5).reduce<Chunk[]>((l, c) => addChunk(l, c), []);
    for (const i of [0, 2, 4])
      expect(estimateKbps(chunks, i * 2 + 1), source).toBeCloseTo(truth([[high, i]]), 0);
  });

  it('an upswitch that replaces buffered media: the estimate changes as the playhead crosses into it', () => {
    let chunks = appendChunks(low, 0, 5).reduce<Chunk[]>((l, c) => addChunk(l, c), []);
    chunks = appendChunks(high, 2, 5).reduce<Chunk[]>((l, c) => addChunk(l, c), chunks);
    const lowKbps = truth([[low, 1]]);
    const highKbps = truth([[high, 2]]);
    expect(highKbps / lowKbps, source).toBeGreaterThan(3);
    // Segment 1 [2, 4) is still the low rung; segment 2 [4, 6) the high one, from its first frame on.
    expect(estimateKbps(chunks, 3.95)).toBeCloseTo(lowKbps, 0);
    expect(estimateKbps(chunks, 4)).toBeCloseTo(highKbps, 0);
    expect(estimateKbps(chunks, 9.5)).toBeCloseTo(truth([[high, 4]]), 0);
  });
});
