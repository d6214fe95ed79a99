/**
 * What both halves of capture (the content script, and the tracker it hands over to) read from a <video>
 * element and which of its events they take. Reads only; never changes the element. Only the browser's
 * own events count: a page can dispatch `waiting`, `seeking` or `ended` on its video, and such an event
 * (`isTrusted` false) says nothing about playback.
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
export type MediaEventType = (typeof MEDIA_EVENTS)[number];

const KNOWN = new Set<string>(MEDIA_EVENTS);

function isMediaEventType(type: string): type is MediaEventType {
  return KNOWN.has(type);
}

/** The type of a media event the browser itself fired; null for a forged one or another event. */
export function trustedMediaEvent(ev: Event): MediaEventType | null {
  const { type } = ev;
  return ev.isTrusted && isMediaEventType(type) ? type : null;
}

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
