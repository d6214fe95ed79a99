/**
 * What both halves of capture read from a <video> element: the content script when it notes an event
 * before the tracker has arrived, and the tracker at every event and tick. Reads only; never changes the
 * element.
 */
import type { Observation } from '@/utils/metrics/playback-machine';

/** The element events capture listens to. */
export const MEDIA_EVENTS = [
  'loadstart',
  'emptied',
  'play',
  'playing',
  'waiting',
  'pause',
  'seeking',
  'seeked',
  'ended',
  'stalled',
  'canplay',
  'resize',
  'ratechange',
] as const;

export function observe(v: HTMLVideoElement): Observation {
  return {
    currentTime: Number.isFinite(v.currentTime) ? v.currentTime : 0,
    paused: v.paused,
    seeking: v.seeking,
    ended: v.ended,
    readyState: v.readyState,
    bufferedAhead: bufferedAhead(v),
    playbackRate: v.playbackRate,
  };
}

export function bufferedAhead(v: HTMLMediaElement): number {
  const t = v.currentTime;
  const b = v.buffered;
  for (let i = 0; i < b.length; i++) {
    if (b.start(i) <= t + 0.1 && b.end(i) > t) return Math.max(0, b.end(i) - t);
  }
  return 0;
}
