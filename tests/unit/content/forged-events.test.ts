/**
 * A page (or any script on it) can dispatch media events on its own <video>: `new Event('waiting')` looks
 * like the browser's own but for `isTrusted`. Such events must not make stalls, seeks or sessions: what
 * is stored is what the element did, as the browser reports it and as the tracker's own ticks see it.
 */
import { describe, expect, it } from 'vitest';
import { VideoTracker } from '@/entrypoints/video-tracker/tracker';
import { FakeVideo, harness } from './fake-video';

const TICK_MS = 250;

/** 60 s of perfect playback from t=10,000, the tracker ticking every 250 ms; `each` runs at every tick. */
function perfectPlayback(each: (v: FakeVideo, at: (t: number) => void, tick: number) => void) {
  const h = harness(10_000);
  const v = new FakeVideo();
  v.duration = 600;
  v.buffered = { length: 1, start: () => 0, end: () => v.currentTime + 10 };
  v.currentTime = 5;
  const t = new VideoTracker(v as unknown as HTMLVideoElement, h.deps);
  for (let i = 1; i <= 60_000 / TICK_MS; i++) {
    const t0 = 10_000 + (i - 1) * TICK_MS;
    const at = (dt: number) => {
      h.at(t0 + dt);
      v.currentTime = 5 + (t0 + dt - 10_000) / 1000;
    };
    each(v, at, i);
    at(TICK_MS);
    t.tick();
  }
  t.detach();
  return { ...h, tracker: t };
}

const stalls = (h: ReturnType<typeof harness>) => h.events.filter((e) => e.kind === 'stall');

describe('forged media events during perfect playback', () => {
  it('waiting at T+1 ms and playing at T+249 ms every 250 ms store no stall', () => {
    const h = perfectPlayback((v, at) => {
      at(1);
      v.forge('waiting');
      at(249);
      v.forge('playing');
    });
    const found = stalls(h);
    console.log(
      `forged waiting/playing: ${found.length} stalls, ${found.reduce((s, e) => s + (e as { durationMs: number }).durationMs, 0)} ms`,
    );
    expect(found).toEqual([]);
    expect(h.sessions.size).toBe(1);
  });

  it('forged seeking/seeked store no seek', () => {
    const h = perfectPlayback((v, at) => {
      at(10);
      v.forge('seeking');
      at(20);
      v.forge('seeked');
    });
    const seeks = h.events.filter((e) => e.kind === 'seek');
    console.log(`forged seeking/seeked: ${seeks.length} seeks`);
    expect(seeks).toEqual([]);
  });

  it('forged ended/play do not cut the session into new ones', () => {
    const h = perfectPlayback((v, at) => {
      at(10);
      v.forge('ended');
      at(20);
      v.forge('play');
    });
    console.log(`forged ended/play: ${h.sessions.size} sessions`);
    expect(h.sessions.size).toBe(1);
    expect([...h.sessions.values()][0]?.endReason).toBe('removed');
  });
});

describe('the browser’s own events still count', () => {
  it('a trusted waiting with the playhead frozen after it is a stall from the waiting to the playing', () => {
    const h = harness(10_000);
    const v = new FakeVideo();
    v.currentTime = 5;
    const t = new VideoTracker(v as unknown as HTMLVideoElement, h.deps);
    for (let now = 10_250; now <= 11_000; now += 250) {
      h.at(now);
      v.currentTime += 0.25;
      t.tick();
    }
    h.at(11_100);
    v.currentTime = 5.85;
    v.readyState = 2;
    v.fire('waiting');
    for (let now = 11_250; now <= 12_500; now += 250) {
      h.at(now);
      t.tick();
    }
    h.at(12_600);
    v.readyState = 4;
    v.fire('playing');
    h.at(12_750);
    v.currentTime = 6;
    t.tick();
    expect(stalls(h)).toMatchObject([{ t: 11_100, durationMs: 1_500, cause: 'network' }]);
  });
});
