import { describe, expect, it } from 'vitest';
import { Outbox } from '@/entrypoints/video-tracker/outbox';
import type { BatchAck, RecordBatch } from '@/utils/messaging/worker-protocol';
import type { Sample, SessionMeta } from '@/utils/schema/playback';

const meta: SessionMeta = {
  id: 'session-0001',
  pageHost: 'example.com',
  frameHost: 'example.com',
  service: 'other',
  startedAt: 1000,
  tzOffsetMin: 60,
  delivery: 'mse',
  preview: false,
};
const sample = (seq: number): Sample => ({
  sid: meta.id,
  seq,
  t: 1000 + seq * 1000,
  dt: 1000,
  state: 'playing',
  mt: seq,
  buf: 5,
  w: 1280,
  h: 720,
  dw: 640,
  dh: 360,
  br: 2500,
  tp: null,
  df: 0,
  tf: 30,
  rate: 1,
  hidden: false,
});
const ok: BatchAck = { ok: true, stored: { samples: 0, events: 0 }, duplicates: 0 };

describe('Outbox', () => {
  it('resends exactly the unacknowledged batch, then what was queued meanwhile', async () => {
    const sent: RecordBatch[] = [];
    let fail = true;
    const box = new Outbox(async (b) => {
      sent.push(b);
      if (fail) throw new Error('worker stopped');
      return ok;
    });
    box.sample(meta, sample(0));
    box.sample(meta, sample(1));
    await box.flush();
    box.sample(meta, sample(2));
    fail = false;
    await box.flush();
    await box.flush();
    expect(sent.map((b) => b.samples.map((s) => s.seq))).toEqual([[0, 1], [0, 1], [2]]);
    expect(box.queued).toBe(0);
    expect(box.failures).toBe(1);
  });

  it('keeps records when the worker answers with an error', async () => {
    const box = new Outbox(async () => ({ ok: false, error: 'disk full' }));
    box.sample(meta, sample(0));
    await box.flush();
    expect(box.queued).toBe(1);
  });

  it('delivers a session end even with no new records, then forgets the session', async () => {
    const sent: RecordBatch[] = [];
    const box = new Outbox(async (b) => {
      sent.push(b);
      return ok;
    });
    box.sample(meta, sample(0));
    await box.flush();
    box.meta({ ...meta, endedAt: 9000, endReason: 'ended' });
    await box.flush();
    await box.flush();
    expect(sent).toHaveLength(2);
    expect(sent[1]?.session.endReason).toBe('ended');
    expect(sent[1]?.samples).toEqual([]);
  });
});
