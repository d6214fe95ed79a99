/**
 * The v4 layout: samples and media requests in chunks. What a reader sees must not change, only what a
 * session costs on disk; a resend must still change nothing.
 */
import { openDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_VERSION } from '../../../utils/db';
import { SAMPLE_CHUNKS } from '../../../utils/db/chunks';
import { normalizeSample } from '../../../utils/db/sample-codec';
import { emptyAggregates, foldEvent, foldSample } from '../../../utils/metrics/aggregate';
import type { PlaybackEvent } from '../../../utils/schema/playback';
import { batch, meta, openStore, sample, sid, stall, type TypedBatch } from './helpers';

const id = sid(1);
const realPut = IDBObjectStore.prototype.put;
afterEach(() => {
  IDBObjectStore.prototype.put = realPut;
});

/** Counts puts per object store while `fn` runs. */
async function putsDuring(fn: () => Promise<unknown>): Promise<Record<string, number>> {
  const puts: Record<string, number> = {};
  IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    puts[this.name] = (puts[this.name] ?? 0) + 1;
    return realPut.apply(this, args);
  };
  try {
    await fn();
  } finally {
    IDBObjectStore.prototype.put = realPut;
  }
  return puts;
}

function request(seq: number, host = 'rr3---sn-abc.googlevideo.com'): PlaybackEvent {
  return {
    sid: id,
    seq,
    t: 1_718_000_000_000 + seq * 4000,
    mt: seq * 4,
    kind: 'request',
    host,
    bytes: 2_400_000,
    durationMs: 310.5,
    timed: true,
  };
}

/** What the content script sends: a batch every 3 s, samples 1 Hz, requests and a stall now and then. */
function batches(seconds: number): TypedBatch[] {
  const out: TypedBatch[] = [];
  let eseq = 0;
  for (let from = 0; from < seconds; from += 3) {
    const b = batch(id, from, Math.min(3, seconds - from));
    b.events = [request(eseq++, from % 2 ? 'cdn-b.example.net' : undefined)];
    if (from % 60 === 0) b.events.push(stall(id, eseq++, 700));
    out.push(b);
  }
  return out;
}

async function chunkRows(name: string, store: 'sampleChunks' | 'requestChunks') {
  const db = await openDB(name, DB_VERSION);
  try {
    return (await db.getAll(store)) as { seq: number; last: number; n: number }[];
  } finally {
    db.close();
  }
}

describe('chunked layout', () => {
  it('merges 3-second batches into chunks of at most 300 samples, and reads back what was sent', async () => {
    const { store, name } = openStore();
    const sent = batches(1000);
    for (const b of sent) await store.recordBatch(b);
    const rows = await chunkRows(name, 'sampleChunks');
    expect(rows.map((r) => [r.seq, r.last, r.n])).toEqual([
      [0, 299, 300],
      [300, 599, 300],
      [600, 899, 300],
      [900, 999, 100],
    ]);
    expect((await chunkRows(name, 'requestChunks')).map((r) => r.n)).toEqual([300, 34]);

    const d = await store.getSession(id);
    expect(d?.samples).toEqual(sent.flatMap((b) => b.samples).map(normalizeSample));
    const events = sent.flatMap((b) => b.events);
    expect(d?.events).toEqual(events);
    expect(d?.events.filter((e) => e.kind === 'stall')).toHaveLength(17);
    // The stored summary is exactly a refold of what a reader gets back.
    const refold = (d?.events ?? []).reduce(
      foldEvent,
      (d?.samples ?? []).reduce(foldSample, emptyAggregates()),
    );
    expect(d?.session.agg).toEqual(refold);
  });

  it('a resent batch writes nothing at all', async () => {
    const { store } = openStore();
    const sent = batches(30);
    for (const b of sent) await store.recordBatch(b);
    const before = await store.getSession(id);
    const last = sent.at(-1) as TypedBatch;
    const puts = await putsDuring(async () => {
      expect(await store.recordBatch(structuredClone(last))).toMatchObject({
        stored: { samples: 0, events: 0 },
        duplicates: last.samples.length + last.events.length,
      });
    });
    expect(puts).toEqual({});
    expect(await store.getSession(id)).toEqual(before);
  });

  it('keeps one copy of each seq whatever order or overlap batches arrive in, and fills holes', async () => {
    const { store, name } = openStore();
    const b = (from: number, n: number) => batch(id, from, n);
    for (const x of [b(10, 5), b(0, 3), b(12, 6), b(300, 3), b(3, 4), b(8, 2)]) await store.recordBatch(x);
    // Seq 7 arrives last, inside the range of the first chunk.
    await store.recordBatch(b(7, 1));
    const d = await store.getSession(id);
    const seqs = [...Array.from({ length: 18 }, (_, i) => i), 300, 301, 302];
    expect(d?.samples.map((s) => s.seq)).toEqual(seqs);
    expect(d?.session.agg.samples).toBe(seqs.length);
    const rows = await chunkRows(name, 'sampleChunks');
    for (const [i, r] of rows.entries()) {
      const next = rows[i + 1];
      if (next) expect(r.last).toBeLessThan(next.seq); // disjoint
    }
    expect(rows.reduce((n, r) => n + r.n, 0)).toBe(seqs.length);
  });

  it('splits a chunk that a late sample would take past its size', async () => {
    const { store, name } = openStore();
    const full = batch(id, 0, SAMPLE_CHUNKS.max + 1);
    full.samples.splice(5, 1); // seq 5 missing: chunk 0..300 holds 300
    await store.recordBatch(full);
    await store.recordBatch(batch(id, 5, 1));
    expect((await chunkRows(name, 'sampleChunks')).map((r) => [r.seq, r.last])).toEqual([
      [0, 299],
      [300, 300],
    ]);
    expect((await store.getSession(id))?.samples.map((s) => s.seq)).toEqual(
      Array.from({ length: 301 }, (_, i) => i),
    );
  });

  it('shares one seq space between request chunks and event rows', async () => {
    const { store } = openStore();
    await store.recordBatch({ session: meta(id), samples: [], events: [request(0), stall(id, 1, 500)] });
    const r = await store.recordBatch({
      session: meta(id),
      samples: [],
      events: [stall(id, 0, 900), request(1), request(2)],
    });
    expect(r).toMatchObject({ stored: { samples: 0, events: 1 }, duplicates: 2 });
    const d = await store.getSession(id);
    expect(d?.events.map((e) => [e.seq, e.kind])).toEqual([
      [0, 'request'],
      [1, 'stall'],
      [2, 'request'],
    ]);
    expect(d?.session.agg.stallMs).toBe(500);
  });

  it('sets aside a damaged chunk it meets while writing, then writes the batch', async () => {
    const { store, name } = openStore();
    await store.recordBatch(batch(id, 0, 3));
    const raw = await openDB(name, DB_VERSION);
    const [row] = await raw.getAll('sampleChunks');
    await raw.put('sampleChunks', { ...row, b: row.b.slice(1) });
    raw.close();
    expect(await store.recordBatch(batch(id, 3, 3))).toMatchObject({ stored: { samples: 3 }, duplicates: 0 });
    expect((await store.quarantineSummary()).byStore).toEqual({ samples: 1 });
    expect((await store.getSession(id))?.samples.map((s) => s.seq)).toEqual([3, 4, 5]);
    expect((await chunkRows(name, 'sampleChunks')).map((r) => [r.seq, r.n])).toEqual([[3, 3]]);
  });

  it('quarantines a value too large to keep exactly, and stores the rest', async () => {
    const { store } = openStore();
    const b = batch(id, 0, 3);
    b.samples[1] = sample(id, 1, { br: 1e300 });
    expect(await store.recordBatch(b)).toMatchObject({ stored: { samples: 2 }, quarantined: 1 });
    // The sample schema's cap (schema/limits.ts) refuses it before the codec's own range check would.
    expect((await store.quarantineSummary()).recent[0]?.reason).toEqual([
      expect.stringMatching(/^br: .*1000000/),
    ]);
  });

  it('deletes request chunks with their session', async () => {
    const { store, name } = openStore();
    for (const b of batches(9)) await store.recordBatch(b);
    await store.recordBatch({ ...batch(sid(2), 0, 1), events: [{ ...request(0), sid: sid(2) }] });
    await store.deleteSession(id);
    expect((await chunkRows(name, 'requestChunks')).map((r) => r.n)).toEqual([1]);
    await store.deleteHost('www.youtube.com');
    expect(await chunkRows(name, 'requestChunks')).toEqual([]);
    expect(await chunkRows(name, 'sampleChunks')).toEqual([]);
  });
});
