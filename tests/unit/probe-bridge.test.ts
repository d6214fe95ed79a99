/**
 * The isolated world's side of the probe: which MediaSource a video's blob URL plays, including when the
 * probe loaded after the player had already made its object URL (the 'ms' report never came).
 */
import { describe, expect, it } from 'vitest';
import { ProbeBridge } from '@/entrypoints/video-tracker/probe-bridge';

/** The probe's channel name in these tests: any name the probe and the bridge agree on. */
const PROBE_EVENT = 'sw0123456789abcdef0123456789abcdef';

import { ProbeBatcher } from '@/utils/messaging/probe-wire';

/** A bridge fed by the probe's own batcher, each batch sent at once. */
function bridge() {
  const b = new ProbeBridge(() => 1_000);
  const target = new EventTarget();
  b.attach(target, PROBE_EVENT);
  const out = new ProbeBatcher(
    (json) => target.dispatchEvent(new CustomEvent(PROBE_EVENT, { detail: json })),
    () => 0,
  );
  const send = (record: (o: ProbeBatcher) => void) => {
    record(out);
    out.flush();
  };
  /** A video buffer `sb` of MediaSource `ms` with 10 s of 1,000-kbps media appended. */
  const play = (ms: number, sb: number) => {
    send((o) => o.buffer(ms, sb, 'video/mp4;codecs="avc1.640015"'));
    for (let i = 0; i < 5; i++) send((o) => o.append(sb, 250_000, i * 2, i * 2 + 2));
  };
  return { b, send, play, target };
}

describe('ProbeBridge: which MediaSource a blob URL plays', () => {
  it('uses the URL the probe reported', () => {
    const { b, send, play } = bridge();
    send((o) => o.source(1, 'blob:https://site.example/a'));
    play(1, 2);
    expect(b.bitrateFor('blob:https://site.example/a', 5)).toBeCloseTo(1_000, -1);
    expect(b.bitrateFor('blob:https://site.example/other', 5)).toBeNull();
  });

  it('adopts the one MediaSource whose URL was never reported (the probe came late)', () => {
    const { b, play } = bridge();
    play(1, 2);
    expect(b.bitrateFor('blob:https://site.example/late', 5)).toBeCloseTo(1_000, -1);
    expect(b.codecFor('blob:https://site.example/late')).toContain('avc1');
    // Adopted once: a second unknown URL is not given the same source.
    expect(b.bitrateFor('blob:https://site.example/another', 5)).toBeNull();
  });

  it('gives no estimate when two unreported MediaSources could be the one', () => {
    const { b, play } = bridge();
    play(1, 2);
    play(3, 4);
    expect(b.bitrateFor('blob:https://site.example/late', 5)).toBeNull();
  });

  it('never adopts for a progressive (non-blob) source', () => {
    const { b, play } = bridge();
    play(1, 2);
    expect(b.bitrateFor('https://cdn.example/video.mp4', 5)).toBeNull();
  });
});

describe('ProbeBridge: batches', () => {
  it('takes a whole batch in order: the source, its buffer, then appends and a remove', () => {
    const b = new ProbeBridge(() => 1_000);
    const target = new EventTarget();
    b.attach(target, PROBE_EVENT);
    const out = new ProbeBatcher(
      (json) => target.dispatchEvent(new CustomEvent(PROBE_EVENT, { detail: json })),
      () => 0,
    );
    out.source(1, 'blob:https://site.example/a');
    out.buffer(1, 2, 'video/mp4');
    for (let i = 0; i < 5; i++) out.append(2, 250_000, i * 2, i * 2 + 2);
    out.remove(2, 0, 10);
    out.append(2, 500_000, 0, 2);
    out.flush();
    expect(b.accepted).toBe(1);
    // The remove came after the first five appends: only the last 2 s at 2,000 kbps are left.
    expect(b.bitrateFor('blob:https://site.example/a', 2)).toBeCloseTo(2_000, -1);
  });

  it('asks for the playhead as it was when each append finished', () => {
    const b = new ProbeBridge(() => 1_000);
    const asked: number[] = [];
    b.playheadOf = (_url, ageMs) => {
      asked.push(ageMs);
      return undefined;
    };
    const target = new EventTarget();
    b.attach(target, PROBE_EVENT);
    let now = 0;
    const out = new ProbeBatcher(
      (json) => target.dispatchEvent(new CustomEvent(PROBE_EVENT, { detail: json })),
      () => now,
    );
    out.source(1, 'blob:https://site.example/a');
    out.buffer(1, 2, 'video/mp4');
    out.append(2, 1000, 0, 2);
    now = 150;
    out.append(2, 1000, 2, 4);
    now = 180;
    out.flush();
    expect(asked).toEqual([180, 30]);
  });

  it('counts a forged batch as rejected and keeps what it had', () => {
    const { b, play, target } = bridge();
    play(1, 2);
    const forged = [
      'not json',
      '[[],[],[[0,2,1e308,0,2,0]]]',
      '[[],[],[[0,2,100,5,1,0]]]',
      'x'.repeat(40_000),
    ];
    for (const detail of forged) target.dispatchEvent(new CustomEvent(PROBE_EVENT, { detail }));
    expect(b.rejected).toBe(forged.length);
    expect(b.bitrateFor('blob:https://site.example/late', 5)).toBeCloseTo(1_000, -1);
  });
});

describe('ProbeBridge: batches the content script noted before the tracker arrived', () => {
  it('asks for the playhead as it was when the append finished, counting the time the batch waited', () => {
    const b = new ProbeBridge(() => 5_000);
    const asked: number[] = [];
    b.playheadOf = (_url, ageMs) => {
      asked.push(ageMs);
      return undefined;
    };
    // Noted at 1,000, replayed at 5,000: the append finished 30 ms before it was noted.
    b.receive('[[[1,"blob:https://site.example/a"]],[[1,2,"video/mp4"]],[[0,2,1000,0,2,30]]]', 1_000);
    expect(b.accepted).toBe(1);
    expect(asked).toEqual([4_030]);
  });

  it('rate-limits them by the times they arrived, not the time they are replayed', () => {
    const b = new ProbeBridge(() => 60_000);
    // 200 batches noted within 200 ms: a flood, whenever it is replayed.
    for (let i = 0; i < 200; i++) b.receive('[[],[],[]]', 1_000 + i);
    expect(b.accepted).toBeLessThan(100);
    expect(b.dropped).toBeGreaterThan(100);
    // Spread over 20 s they are what the probe can send, and all pass.
    const spread = new ProbeBridge(() => 60_000);
    for (let i = 0; i < 100; i++) spread.receive('[[],[],[]]', 1_000 + i * 200);
    expect(spread.accepted).toBe(100);
  });
});
