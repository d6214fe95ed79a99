/**
 * The isolated world's side of the probe: which MediaSource a video's blob URL plays, including when the
 * probe loaded after the player had already made its object URL (the 'ms' report never came).
 */
import { describe, expect, it } from 'vitest';
import { ProbeBridge } from '@/entrypoints/video.content/probe-bridge';
import { PROBE_EVENT } from '@/utils/messaging/page-protocol';

function bridge() {
  const b = new ProbeBridge(() => 1_000);
  const target = new EventTarget();
  b.attach(target);
  const send = (m: object) =>
    target.dispatchEvent(new CustomEvent(PROBE_EVENT, { detail: JSON.stringify(m) }));
  /** A video buffer `sb` of MediaSource `ms` with 10 s of 1,000-kbps media appended. */
  const play = (ms: number, sb: number) => {
    send({ k: 'sb', ms, sb, mime: 'video/mp4;codecs="avc1.640015"' });
    for (let i = 0; i < 5; i++) send({ k: 'ap', sb, bytes: 250_000, start: i * 2, end: i * 2 + 2 });
  };
  return { b, send, play };
}

describe('ProbeBridge: which MediaSource a blob URL plays', () => {
  it('uses the URL the probe reported', () => {
    const { b, send, play } = bridge();
    send({ k: 'ms', ms: 1, url: 'blob:https://site.example/a' });
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
