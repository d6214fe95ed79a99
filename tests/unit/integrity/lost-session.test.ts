/**
 * Issue #14, item 4: a player whose MIME type is 121-200 characters long passed the probe wire (200)
 * but failed the session schema (120). The worker refused every batch, the outbox resent it every
 * flush forever, and nothing was stored. Now the codec is cut where it enters, and a batch the worker
 * refuses as invalid is set aside once and never resent.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { route } from '@/entrypoints/background/router';
import { Outbox } from '@/entrypoints/video-tracker/outbox';
import { ProbeBridge } from '@/entrypoints/video-tracker/probe-bridge';
import { deleteAll, listSessions, quarantineSummary } from '@/utils/db';
import { ProbeBatcher } from '@/utils/messaging/probe-wire';
import { MAX_CODEC_CHARS } from '@/utils/schema/limits';
import type { Sample, SessionMeta } from '@/utils/schema/playback';

const contentScript = () => ({
  id: browser.runtime.id,
  url: 'https://www.netflix.com/watch/1',
  tab: { id: 4, url: 'https://www.netflix.com/watch/1' },
  frameId: 0,
});

/** 170 characters: a real codecs list with many alternatives, plus characters no MIME type has. */
const LONG_MIME = `video/mp4; codecs="${Array.from({ length: 12 }, (_, i) => `avc1.6400${10 + i}`).join(',')}"\u0000<x>`;

const meta = (codec?: string): SessionMeta => ({
  id: 'session-long-codec',
  pageHost: 'www.netflix.com',
  frameHost: 'www.netflix.com',
  service: 'netflix',
  startedAt: 1_000,
  tzOffsetMin: 0,
  delivery: 'mse',
  preview: false,
  ...(codec === undefined ? {} : { codec }),
});
const sample = (seq: number): Sample => ({
  sid: 'session-long-codec',
  seq,
  t: 1_000 + seq * 1_000,
  dt: seq ? 1_000 : 0,
  state: 'playing',
  mt: seq,
  buf: 5,
  w: 1280,
  h: 720,
  dw: 1280,
  dh: 720,
  br: 2_500,
  tp: null,
  df: 0,
  tf: 30,
  rate: 1,
  hidden: false,
});

beforeEach(() => fakeBrowser.reset());
afterEach(() => deleteAll());

describe('a long codec string does not lose the session', () => {
  it('the probe wire and the bridge cut it to MIME characters within the session limit', () => {
    expect(LONG_MIME.length).toBeGreaterThan(MAX_CODEC_CHARS);
    expect(LONG_MIME.length).toBeLessThanOrEqual(200);
    const sent: string[] = [];
    const out = new ProbeBatcher((json) => sent.push(json));
    out.source(1, 'blob:https://www.netflix.com/a');
    out.buffer(1, 2, LONG_MIME);
    out.flush();
    const bridge = new ProbeBridge(() => 0);
    bridge.receive(sent[0], 0);
    const codec = bridge.codecFor('blob:https://www.netflix.com/a');
    expect(codec?.length).toBeLessThanOrEqual(MAX_CODEC_CHARS);
    expect(codec).toMatch(/^video\/mp4; codecs="avc1\.[0-9a-z.,]+$/);
    // A forged batch that skipped the probe's batcher is cut by the bridge.
    const forged = new ProbeBridge(() => 0);
    forged.receive(JSON.stringify([[[1, 'blob:x']], [[1, 2, 'video/mp4\u0000;<script>']], []]), 0);
    expect(forged.codecFor('blob:x')).toBe('video/mp4;script');
  });

  it('the session with the cut codec is stored', async () => {
    const bridge = new ProbeBridge(() => 0);
    const sent: string[] = [];
    const out = new ProbeBatcher((json) => sent.push(json));
    out.source(1, 'blob:https://www.netflix.com/a');
    out.buffer(1, 2, LONG_MIME);
    out.flush();
    bridge.receive(sent[0], 0);
    const box = new Outbox((b) => route(b, contentScript() as never) as never);
    const m = meta(bridge.codecFor('blob:https://www.netflix.com/a'));
    box.meta(m);
    box.sample(m, sample(0));
    await box.flush();
    expect((await listSessions()).sessions.map((s) => s.id)).toEqual(['session-long-codec']);
  });

  it('a batch the worker refuses as invalid is set aside once and never resent', async () => {
    let sends = 0;
    const box = new Outbox((b) => {
      sends++;
      return route(b, contentScript() as never) as never;
    });
    // What today's capture sent for such a player: the codec as the page gave it.
    const m = meta(`${LONG_MIME.slice(0, 150)}`);
    box.meta(m);
    for (let flush = 0; flush < 10; flush++) {
      box.sample(m, sample(flush));
      await box.flush();
    }
    expect(sends).toBe(1);
    expect(box.queued).toBe(0);
    expect(box.refusedSessions).toBe(1);
    expect(box.refusedRecords).toBe(10);
    const q = await quarantineSummary();
    expect(q.byStore.batch).toBe(1);
  });
});
