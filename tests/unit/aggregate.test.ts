import { describe, expect, it } from 'vitest';
import {
  droppedRatio,
  emptyAggregates,
  foldEvent,
  foldSample,
  meanBitrateKbps,
  meanThroughputKbps,
  meanUpscale,
  mergeAggregates,
  rebufferFraction,
  share720,
  share1080,
  upscaleOf,
} from '../../utils/metrics/aggregate';
import type { PlaybackEvent, Sample } from '../../utils/schema/playback';

const SID = 'session-aaaa';
const T0 = 1_700_000_000_000;

function sample(seq: number, dt: number, over: Partial<Sample>): Sample {
  return {
    sid: SID,
    seq,
    t: T0 + seq * 1000,
    dt,
    state: 'playing',
    mt: seq,
    buf: 10,
    w: 0,
    h: 0,
    dw: 0,
    dh: 0,
    br: null,
    tp: null,
    df: 0,
    tf: 0,
    rate: 1,
    hidden: false,
    ...over,
  };
}

// Hand-computed: see the expectations below for each line's contribution.
const samples: Sample[] = [
  sample(0, 0, { state: 'startup' }),
  sample(1, 1000, { w: 1280, h: 720, dw: 1280, dh: 720, br: 3000, tp: 6000, df: 1, tf: 30 }),
  sample(2, 1000, { w: 1920, h: 1080, dw: 1280, dh: 720, br: 6000, tf: 30 }),
  sample(3, 2000, { state: 'stalled', w: 1920, h: 1080, br: 6000, tp: 9000, hidden: true }),
  sample(4, 1000, { w: 640, h: 360, dw: 1280, dh: 720, br: 1000, tp: 2000, df: 3, tf: 30, hidden: true }),
  sample(5, 500, { state: 'paused', w: 640, h: 360, tf: 30 }),
];

const base = { sid: SID, t: T0, mt: 0 };
const events: PlaybackEvent[] = [
  { ...base, seq: 0, kind: 'startup', durationMs: 1200 },
  { ...base, seq: 1, kind: 'stall', durationMs: 2000, bufferAhead: 0, cause: 'network', hidden: false },
  { ...base, seq: 2, kind: 'stall', durationMs: 500, bufferAhead: 0.2, cause: 'network', hidden: true },
  { ...base, seq: 3, kind: 'startup', durationMs: 900 },
  { ...base, seq: 4, kind: 'seek', toMt: 30, durationMs: 300 },
  { ...base, seq: 5, kind: 'resolution', fromW: 1920, fromH: 1080, w: 640, h: 360, drop: true },
  { ...base, seq: 6, kind: 'resolution', fromW: 640, fromH: 360, w: 1280, h: 720, drop: false },
  { ...base, seq: 7, kind: 'visibility', hidden: true },
];

const fold = (ss: Sample[], es: PlaybackEvent[]) =>
  es.reduce(foldEvent, ss.reduce(foldSample, emptyAggregates()));

describe('aggregate folding', () => {
  const agg = fold(samples, events);

  it('sums time by state: watch = playing + stalled, paused and startup excluded', () => {
    expect(agg.samples).toBe(6);
    expect(agg.watchMs).toBe(5000); // 1000 + 1000 + 2000 (stalled) + 1000
    expect(agg.playingMs).toBe(3000);
    expect(agg.hiddenMs).toBe(3000); // stalled hidden 2000 + playing hidden 1000
  });

  it('weights bitrate and throughput by dt over playing samples only', () => {
    expect(agg.brSum).toBe(3000 * 1000 + 6000 * 1000 + 1000 * 1000);
    expect(agg.brMs).toBe(3000);
    expect(meanBitrateKbps(agg)).toBeCloseTo(10_000 / 3, 6);
    expect(agg.tpMs).toBe(2000); // sample 2 has no throughput, sample 3 is stalled
    expect(meanThroughputKbps(agg)).toBe(4000);
  });

  it('counts time at ≥ 720p and ≥ 1080p while playing', () => {
    expect(agg.ms720).toBe(2000);
    expect(agg.ms1080).toBe(1000);
    expect(share720(agg)).toBeCloseTo(2 / 3, 9);
    expect(share1080(agg)).toBeCloseTo(1 / 3, 9);
  });

  it('treats a wide 1280×536 frame as 720p-class and counts nothing for unknown size', () => {
    const a = foldSample(emptyAggregates(), sample(1, 1000, { w: 1280, h: 536 }));
    expect(a.ms720).toBe(1000);
    expect(a.ms1080).toBe(0);
    expect(foldSample(emptyAggregates(), sample(1, 1000, {})).ms720).toBe(0);
  });

  it('tracks frames, upscaling, sizes and the latest sample', () => {
    expect(agg.droppedFrames).toBe(4);
    expect(agg.totalFrames).toBe(120); // 30 + 30 + 30 + 30 (the stalled sample decoded none)
    expect(droppedRatio(agg)).toBeCloseTo(4 / 120, 9);
    expect(agg.upSum).toBe(1000); // 640×360 shown at 1280×720: upscale 1 for 1000 ms
    expect(agg.upMax).toBe(1);
    expect(meanUpscale(agg)).toBeCloseTo(1 / 3, 9);
    expect([agg.maxW, agg.maxH, agg.lastW, agg.lastH]).toEqual([1920, 1080, 640, 360]);
    expect(agg.lastSeq).toBe(5);
    expect(agg.lastT).toBe(T0 + 5000);
  });

  it('folds events: stalls, the shorter startup, seeks, drops only', () => {
    expect(agg.stallCount).toBe(2);
    expect(agg.stallMs).toBe(2500);
    expect(agg.startupMs).toBe(900);
    expect(agg.seekCount).toBe(1);
    expect(agg.resolutionDrops).toBe(1);
    expect(rebufferFraction(agg)).toBe(0.5); // 2500 / 5000
  });

  it('gives the same result in any order', () => {
    expect(fold([...samples].reverse(), [...events].reverse())).toEqual(agg);
    const shuffled = [samples[3], samples[0], samples[5], samples[1], samples[4], samples[2]] as Sample[];
    expect(fold(shuffled, events)).toEqual(agg);
  });

  it('upscale uses the tighter axis and ignores unknown sizes', () => {
    expect(upscaleOf({ w: 1280, h: 720, dw: 1920, dh: 1200 })).toBe(0.5);
    expect(upscaleOf({ w: 1920, h: 1080, dw: 960, dh: 540 })).toBe(0);
    expect(upscaleOf({ w: 0, h: 0, dw: 960, dh: 540 })).toBe(0);
  });

  it('returns null ratios for an empty session rather than 0 or NaN', () => {
    const e = emptyAggregates();
    for (const f of [meanBitrateKbps, share720, share1080, droppedRatio, rebufferFraction, meanUpscale]) {
      expect(f(e)).toBeNull();
    }
  });

  it('merges sessions: sums add, maxima max, startups sum', () => {
    const other = fold(
      [sample(9, 1000, { w: 3840, h: 2160, br: 16000 })],
      [{ ...base, seq: 0, kind: 'startup', durationMs: 100 }],
    );
    const m = mergeAggregates(agg, other);
    expect(m.watchMs).toBe(6000);
    expect(m.brSum).toBe(agg.brSum + 16_000_000);
    expect(m.maxW).toBe(3840);
    expect(m.startupMs).toBe(1000);
    expect(mergeAggregates(emptyAggregates(), agg)).toEqual(agg);
  });
});
