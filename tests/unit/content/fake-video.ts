/** Enough of a <video> and of the tracker's surroundings to drive a VideoTracker in a unit test. */
import type { TrackerDeps } from '@/entrypoints/video-tracker/tracker';
import type { Observation } from '@/utils/metrics/playback-machine';
import type { PlaybackEvent, SessionMeta } from '@/utils/schema/playback';

/** A playing 720p element with 10 s buffered. */
export class FakeVideo extends EventTarget {
  currentSrc = 'https://media.example/v.mp4';
  currentTime = 0;
  paused = false;
  seeking = false;
  ended = false;
  readyState = 4;
  playbackRate = 1;
  videoWidth = 1280;
  videoHeight = 720;
  offsetWidth = 640;
  offsetHeight = 360;
  clientWidth = 640;
  clientHeight = 360;
  duration = 60;
  muted = false;
  loop = false;
  autoplay = false;
  controls = true;
  buffered = { length: 1, start: () => 0, end: () => 10 };
  getVideoPlaybackQuality() {
    return { droppedVideoFrames: 0, totalVideoFrames: Math.round(this.currentTime * 30) };
  }
  /** An event as the browser fires it (`isTrusted`), which a page's dispatchEvent cannot make. */
  fire(type: string): void {
    const ev = new Event(type);
    Object.defineProperty(ev, 'isTrusted', { value: true });
    this.dispatchEvent(ev);
  }
  /** An event as a page script makes it: `new Event` + dispatchEvent, not trusted. */
  forge(type: string): void {
    this.dispatchEvent(new Event(type));
  }
}

export const obs = (currentTime: number, more: Partial<Observation> = {}): Observation => ({
  currentTime,
  paused: false,
  seeking: false,
  ended: false,
  readyState: 4,
  bufferedAhead: 10 - currentTime,
  playbackRate: 1,
  ...more,
});

/** Deps that keep what the tracker stores: its events and each session's last meta. */
export function harness(start: number) {
  let now = start;
  const events: PlaybackEvent[] = [];
  const sessions = new Map<string, SessionMeta>();
  const deps = {
    now: () => now,
    identity: { frameHost: 'media.example', pageHost: 'media.example', service: 'other' },
    outbox: {
      meta: (m: SessionMeta) => sessions.set(m.id, m),
      sample() {},
      event: (_m: unknown, e: PlaybackEvent) => events.push(e),
    },
    bridge: { bitrateFor: () => null, codecFor: () => undefined },
    network: { progressiveKbps: () => null, takeIntervalKbps: () => null, manifestStartBefore: () => null },
    live() {},
    isHidden: () => false,
  } as unknown as TrackerDeps;
  return { deps, events, sessions, at: (t: number) => (now = t), now: () => now };
}
