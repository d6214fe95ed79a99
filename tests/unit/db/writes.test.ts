import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { DB_VERSION } from '../../../utils/db';
import type { PlaybackEvent } from '../../../utils/schema/playback';
import { batch, DAY, NOW, openStore, sample, sid, stall } from './helpers';

describe('recordBatch', () => {
  it('stores samples and events and folds them into the session summary', async () => {
    const { store } = openStore();
    const r = await store.recordBatch(batch(sid(1), 0, 5, [stall(sid(1), 0, 1500)]));
    expect(r).toMatchObject({ stored: { samples: 5, events: 1 }, duplicates: 0, quarantined: 0 });
    const detail = await store.getSession(sid(1));
    expect(detail?.samples.map((s) => s.seq)).toEqual([0, 1, 2, 3, 4]);
    expect(detail?.events).toHaveLength(1);
    expect(detail?.session.agg).toMatchObject({
      samples: 5,
      watchMs: 4000,
      stallCount: 1,
      stallMs: 1500,
      lastSeq: 4,
    });
  });

  it('keeps the mark on a stall cut short by the end of its session', async () => {
    const { store } = openStore();
    const cut = { ...stall(sid(1), 0, 2500), cutShort: true } as PlaybackEvent;
    await store.recordBatch(batch(sid(1), 0, 3, [cut, stall(sid(1), 1, 800)]));
    const detail = await store.getSession(sid(1));
    expect(detail?.events.map((e) => (e.kind === 'stall' ? e.cutShort : null))).toEqual([true, undefined]);
    expect(detail?.session.agg).toMatchObject({ stallCount: 2, stallMs: 3300 });
  });

  it('is idempotent: a resent batch stores nothing and changes no aggregate', async () => {
    const { store } = openStore();
    const b = batch(sid(1), 0, 5, [stall(sid(1), 0, 1500)]);
    await store.recordBatch(b);
    const before = await store.getSession(sid(1));
    const again = await store.recordBatch(structuredClone(b));
    expect(again).toMatchObject({ stored: { samples: 0, events: 0 }, duplicates: 6 });
    const after = await store.getSession(sid(1));
    expect(after).toEqual(before);
  });

  it('stores only the new part of an overlapping resend, and repeats inside one batch count once', async () => {
    const { store } = openStore();
    await store.recordBatch(batch(sid(1), 0, 5));
    const overlap = batch(sid(1), 3, 5); // seq 3..7: 3 and 4 already stored
    overlap.samples.push(sample(sid(1), 7)); // seq 7 twice in the same batch
    const r = await store.recordBatch(overlap);
    expect(r).toMatchObject({ stored: { samples: 3, events: 0 }, duplicates: 3 });
    const s = await store.getSession(sid(1));
    expect(s?.session.agg.samples).toBe(8);
    expect(s?.session.agg.watchMs).toBe(7000);
  });

  it('ends with the same summary whatever order batches arrive in', async () => {
    const a = openStore().store;
    const b = openStore().store;
    const batches = [0, 5, 10, 15].map((from, i) =>
      batch(sid(1), from, 5, [stall(sid(1), i, 100 * (i + 1))]),
    );
    for (const x of batches) await a.recordBatch(x);
    for (const x of [...batches].reverse()) await b.recordBatch(x);
    const [sa, sb] = [await a.getSession(sid(1)), await b.getSession(sid(1))];
    expect(sb?.session.agg).toEqual(sa?.session.agg);
    expect(sa?.session.agg).toMatchObject({ samples: 20, stallMs: 1000, lastSeq: 19 });
  });

  it('keeps the earliest start and the latest end, and does not let an old resend undo an end', async () => {
    const { store } = openStore();
    const id = sid(1);
    await store.recordBatch(batch(id, 5, 5, [], { startedAt: NOW - DAY + 5000 }));
    await store.recordBatch(batch(id, 0, 5, [], { startedAt: NOW - DAY }));
    await store.recordBatch(batch(id, 10, 1, [], { endedAt: NOW - DAY + 20_000, endReason: 'ended' }));
    await store.recordBatch(batch(id, 0, 5, [], { startedAt: NOW - DAY })); // old resend, no end
    const s = (await store.getSession(id))?.session;
    expect(s).toMatchObject({ startedAt: NOW - DAY, endedAt: NOW - DAY + 20_000, endReason: 'ended' });
  });

  it('has committed when it resolves: another connection sees the batch at once', async () => {
    const { store, name } = openStore();
    await store.recordBatch(batch(sid(1), 0, 5));
    const other = await openDB(name, DB_VERSION);
    try {
      const chunks: { n: number }[] = await other.getAll('sampleChunks');
      expect(chunks.map((c) => c.n)).toEqual([5]);
      expect(await other.get('sessions', sid(1))).toMatchObject({ agg: { samples: 5 } });
    } finally {
      other.close();
    }
  });

  it('writes nothing when the transaction fails part-way', async () => {
    const { store } = openStore();
    await store.recordBatch(batch(sid(1), 0, 2));
    const put = IDBObjectStore.prototype.put;
    const stores: string[] = [];
    // The session row is written after the sample chunk: failing it must take the chunk back too.
    IDBObjectStore.prototype.put = function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      stores.push(this.name);
      if (this.name === 'sessions') throw new DOMException('disk on fire', 'UnknownError');
      return put.apply(this, args);
    };
    try {
      await expect(store.recordBatch(batch(sid(1), 2, 5))).rejects.toMatchObject({ name: 'UnknownError' });
    } finally {
      IDBObjectStore.prototype.put = put;
    }
    expect(stores).toEqual(['sampleChunks', 'sessions']);
    const s = await store.getSession(sid(1));
    expect(s?.samples).toHaveLength(2);
    expect(s?.session.agg.samples).toBe(2);
    // And the same batch succeeds on resend.
    await expect(store.recordBatch(batch(sid(1), 2, 5))).resolves.toMatchObject({ stored: { samples: 5 } });
  });
});
