/**
 * What the tracker reads off the element for the record and for the badge: a sample (1 Hz while
 * playing, and at each event) and the live snapshot the worker paints the badge and "Now playing" from.
 * Reads only; the caller updates the session's state.
 */

import { bufferedAhead } from '@/utils/capture/media-events';
import type { LiveSnapshot } from '@/utils/messaging/worker-protocol';
import { plausibleKbps } from '@/utils/schema/limits';
import type { Sample } from '@/utils/schema/playback';
import { type Active, type FrameCounts, frameCounts, type TrackerDeps } from './session';

/** The session's next sample at `now`, and the frame counters it was measured against. */
export function readSample(
  a: Active,
  v: HTMLVideoElement,
  deps: Pick<TrackerDeps, 'bridge' | 'network' | 'isHidden'>,
  now: number,
  forceDt?: number,
): { sample: Sample; frames: FrameCounts } {
  const f = frameCounts(v);
  const mt = Number.isFinite(v.currentTime) ? Math.max(0, v.currentTime) : 0;
  // A rate beyond belief is not a measurement (schema/limits.ts): null, as when nothing was seen.
  const br = plausibleKbps(
    a.meta.delivery === 'mse'
      ? deps.bridge.bitrateFor(a.src, mt)
      : deps.network.progressiveKbps(a.src, v.duration),
  );
  const sample: Sample = {
    sid: a.meta.id,
    seq: a.sampleSeq,
    t: now,
    dt: forceDt ?? Math.min(60_000, Math.max(0, now - a.lastSampleAt)),
    state: a.machine.phase,
    mt,
    buf: bufferedAhead(v),
    w: v.videoWidth,
    h: v.videoHeight,
    // CSS px, as the schema says: the small-player rule (854×480) and upscaling read layout size.
    dw: Math.round(v.clientWidth),
    dh: Math.round(v.clientHeight),
    br,
    tp: plausibleKbps(deps.network.takeIntervalKbps()),
    df: Math.max(0, f.dropped - a.frames.dropped),
    tf: Math.max(0, f.total - a.frames.total),
    rate: Math.min(16, Math.max(0, v.playbackRate || 0)),
    hidden: deps.isHidden(),
  };
  return { sample, frames: f };
}

export function liveSnapshot(a: Active, v: HTMLVideoElement, now: number): LiveSnapshot {
  return {
    sid: a.meta.id,
    service: a.meta.service,
    pageHost: a.meta.pageHost || a.meta.frameHost,
    state: a.machine.phase,
    w: v.videoWidth,
    h: v.videoHeight,
    br: a.lastBr,
    buf: bufferedAhead(v),
    stalls: a.stalls,
    stallMs: a.stallMs,
    startupMs: a.startupMs,
    lastStallAt: a.lastStallAt,
    lastDropAt: a.lastDropAt,
    spark: [...a.spark],
    updatedAt: now,
  };
}
