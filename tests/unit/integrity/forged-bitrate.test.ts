/**
 * Issue #14, item 3: a page that forges an append with a tiny media span (or a huge rate) must not set
 * the recorded bitrate. Before the clamps, a 256 KiB append over 1e-9 s read as 2.1e12 kbps, and the
 * sample schema stored it.
 */
import { describe, expect, it } from 'vitest';
import { ProbeBridge } from '@/entrypoints/video-tracker/probe-bridge';
import { OP_APPEND } from '@/utils/messaging/probe-wire';
import { MAX_PLAUSIBLE_KBPS, MIN_APPEND_SPAN_S } from '@/utils/schema/limits';
import { Sample } from '@/utils/schema/playback';

const URL_A = 'blob:https://site.example/a';

/** A bridge that has seen one MediaSource with one video buffer, then `appends` as the probe sends them. */
function bridgeWith(appends: Array<[bytes: number, start: number, end: number]>) {
  const b = new ProbeBridge(() => 1_000);
  const ops = appends.map(([bytes, start, end]) => [OP_APPEND, 2, bytes, start, end, 0]);
  b.receive(JSON.stringify([[[1, URL_A]], [[1, 2, 'video/mp4; codecs="avc1.640028"']], ops]), 1_000);
  return b;
}

const sample = (br: number | null, tp: number | null) => ({
  sid: 'session-forged-1',
  seq: 0,
  t: 1_000,
  dt: 0,
  state: 'playing',
  mt: 10,
  buf: 5,
  w: 1280,
  h: 720,
  dw: 1280,
  dh: 720,
  br,
  tp,
  df: 0,
  tf: 0,
  rate: 1,
  hidden: false,
});

describe('forged appends do not set the bitrate', () => {
  it('an append over 1e-9 s gives no rate (was 2.1e12 kbps)', () => {
    const b = bridgeWith([[262_144, 10, 10 + 1e-9]]);
    expect(b.bitrateFor(URL_A, 10 + 5e-10)).toBeNull();
  });

  it('an append just under the minimum span gives no rate; one at it does', () => {
    expect(bridgeWith([[1_000, 0, MIN_APPEND_SPAN_S * 0.9]]).bitrateFor(URL_A, 0.005)).toBeNull();
    const kbps = bridgeWith([[1_000, 0, MIN_APPEND_SPAN_S]]).bitrateFor(URL_A, 0.005);
    // How much it gives is bitrate.ts's business (the segment under the playhead); that it gives one is ours.
    expect(kbps).not.toBeNull();
  });

  it('an append whose rate is beyond belief is ignored, and the real one under it stays', () => {
    // A real 4 s segment at 5 Mbit/s, then a forged 256 MiB over 0.5 s of it (4.3e6 kbps).
    const b = bridgeWith([
      [2_500_000, 8, 12],
      [256 * 1024 * 1024, 9, 9.5],
    ]);
    expect(b.bitrateFor(URL_A, 12)).toBeCloseTo(5_000, 0);
  });

  it('the sample schema caps br and tp at the plausible maximum', () => {
    expect(Sample.safeParse(sample(2.1e15, null)).success).toBe(false);
    expect(Sample.safeParse(sample(null, 2.1e15)).success).toBe(false);
    expect(Sample.safeParse(sample(MAX_PLAUSIBLE_KBPS, MAX_PLAUSIBLE_KBPS)).success).toBe(true);
  });
});
