/**
 * The tracker arrives in a frame some tens or hundreds of ms after the content script saw a video (the
 * worker injects it). What happened meanwhile is noted by the content script and replayed by the tracker
 * with its own times: a startup or a stall that began before the tracker came is measured from when it
 * really began, not from the tracker's arrival.
 */
import { describe, expect, it } from 'vitest';
import { VideoTracker } from '@/entrypoints/video-tracker/tracker';
import {
  MAX_NOTED_BATCHES,
  MAX_NOTED_CHARS,
  MAX_NOTED_EVENTS,
  MAX_NOTED_VIDEOS,
  Notebook,
  type NotedEvent,
} from '@/utils/capture/handoff';
import { MAX_BATCH_CHARS } from '@/utils/messaging/probe-wire';
import { FakeVideo, harness, obs } from './fake-video';

describe('the tracker replays what the content script noted', () => {
  // source set at 990, play at 1,000; first frame at 1,400; waiting at 2,000 with 0.6 s played; playing again at 2,800.
  const noted: NotedEvent[] = [
    { type: 'loadstart', at: 990, obs: obs(0, { readyState: 0 }) },
    { type: 'play', at: 1_000, obs: obs(0, { readyState: 0 }) },
    { type: 'playing', at: 1_400, obs: obs(0) },
    { type: 'waiting', at: 2_000, obs: obs(0.6, { readyState: 2, bufferedAhead: 0 }) },
    { type: 'playing', at: 2_800, obs: obs(0.6) },
  ];

  it('measures a startup and a stall that happened before it arrived from their own times', () => {
    const h = harness(3_000);
    const v = new FakeVideo();
    v.currentTime = 0.8;
    const t = new VideoTracker(v as unknown as HTMLVideoElement, h.deps, undefined, noted);
    h.at(3_250);
    v.currentTime = 1.05;
    t.tick();
    const startup = h.events.find((e) => e.kind === 'startup');
    const stall = h.events.find((e) => e.kind === 'stall');
    // play() 10 ms after the source was set: the intent counts from loadstart (utils/metrics/intent.ts).
    expect(startup).toMatchObject({ t: 990, durationMs: 410 });
    expect(stall).toMatchObject({ t: 2_000, durationMs: 800, cause: 'network' });
    expect(h.events.filter((e) => e.kind === 'stall')).toHaveLength(1);
  });

  it('without the notes the same tracker could only see a video already playing: no startup, no stall', () => {
    const h = harness(3_000);
    const v = new FakeVideo();
    v.currentTime = 0.8;
    const t = new VideoTracker(v as unknown as HTMLVideoElement, h.deps);
    h.at(3_250);
    v.currentTime = 1.05;
    t.tick();
    expect(h.events.filter((e) => e.kind === 'startup' || e.kind === 'stall')).toEqual([]);
  });
});

describe('Notebook: what the content script keeps until the tracker comes', () => {
  it('keeps the probe’s batches as they came, with their arrival time, and nothing that is not one', () => {
    let now = 100;
    const n = new Notebook(() => now);
    n.batch('[[],[],[]]');
    now = 150;
    n.batch({ forged: true });
    n.batch(42);
    n.batch('x'.repeat(MAX_BATCH_CHARS + 1));
    n.batch('[[],[],[[0,1,2,3,4,5]]]');
    expect(n.probe).toEqual([
      [100, '[[],[],[]]'],
      [150, '[[],[],[[0,1,2,3,4,5]]]'],
    ]);
  });

  it('notes each event with what the element said at that moment', () => {
    let now = 500;
    const n = new Notebook(() => now);
    const v = new FakeVideo();
    v.currentTime = 2.5;
    v.paused = true;
    n.event('pause', v as unknown as HTMLVideoElement);
    now = 600;
    v.currentTime = 9;
    v.paused = false;
    expect(n.media.get(v as unknown as HTMLVideoElement)).toEqual([
      { type: 'pause', at: 500, obs: obs(2.5, { paused: true, bufferedAhead: 7.5 }) },
    ]);
  });

  it('is bounded: a page that floods before the tracker arrives costs a fixed amount', () => {
    const n = new Notebook(() => 0);
    for (let i = 0; i < MAX_NOTED_BATCHES * 5; i++) n.batch('[[],[],[]]');
    const videos = Array.from({ length: MAX_NOTED_VIDEOS * 2 }, () => new FakeVideo());
    for (const v of videos)
      for (let i = 0; i < MAX_NOTED_EVENTS * 3; i++) n.event('stalled', v as unknown as HTMLVideoElement);
    expect(n.probe).toHaveLength(MAX_NOTED_BATCHES);
    expect(n.media.size).toBe(MAX_NOTED_VIDEOS);
    for (const list of n.media.values()) expect(list).toHaveLength(MAX_NOTED_EVENTS);
    // Big batches hit the bound on characters first.
    const big = new Notebook(() => 0);
    for (let i = 0; i < MAX_NOTED_BATCHES; i++) big.batch(`[[],[],[]]${' '.repeat(MAX_BATCH_CHARS - 20)}`);
    const held = big.probe.reduce((sum, [, d]) => sum + d.length, 0);
    expect(held).toBeLessThanOrEqual(MAX_NOTED_CHARS);
    expect(big.probe.length).toBeLessThan(MAX_NOTED_BATCHES / 10);
  });
});
