import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { DB_VERSION, DEFAULT_SAMPLE_RETENTION_DAYS } from '../../../utils/db';
import { batch, DAY, NOW, openStore, sid, stall } from './helpers';

describe('retention', () => {
  it('removes raw samples older than the setting and keeps summaries and stalls', async () => {
    const { store } = openStore();
    const olderThanMs = DEFAULT_SAMPLE_RETENTION_DAYS * DAY;
    await store.recordBatch(batch(sid(1), 0, 10, [stall(sid(1), 0, 700)], { startedAt: NOW - 200 * DAY }));
    await store.recordBatch(batch(sid(2), 0, 10, [], { startedAt: NOW - 10 * DAY }));
    // A session straddling the cutoff: its first 4 samples are older than 180 days.
    await store.recordBatch(batch(sid(3), 0, 10, [], { startedAt: NOW - olderThanMs - 3500 }));

    const r = await store.pruneSamples({ olderThanMs, now: NOW });
    expect(r).toEqual({ prunedSamples: 14, sessions: 2 });

    const old = await store.getSession(sid(1));
    expect(old?.samples).toEqual([]);
    expect(old?.events).toHaveLength(1);
    expect(old?.session).toMatchObject({ rawPrunedAt: NOW, agg: { samples: 10, stallMs: 700 } });
    expect((await store.getSession(sid(2)))?.samples).toHaveLength(10);
    expect((await store.getSession(sid(2)))?.session.rawPrunedAt).toBeUndefined();
    expect((await store.getSession(sid(3)))?.samples.map((s) => s.seq)).toEqual([4, 5, 6, 7, 8, 9]);

    // Running it again finds nothing more.
    expect(await store.pruneSamples({ olderThanMs, now: NOW })).toEqual({ prunedSamples: 0, sessions: 0 });
  });
});

describe('retention over chunks', () => {
  it('drops whole chunks older than the cutoff, trims the one straddling it, and keeps requests and stalls', async () => {
    const { store, name } = openStore();
    const olderThanMs = DEFAULT_SAMPLE_RETENTION_DAYS * DAY;
    const b = batch(sid(1), 0, 700, [stall(sid(1), 0, 700)], { startedAt: NOW - olderThanMs - 400_500 });
    b.events.push({
      ...{ sid: sid(1), seq: 1, t: NOW - DAY, mt: 1 },
      ...{ kind: 'request', host: 'cdn.example', bytes: 9, durationMs: 3, timed: true },
    });
    await store.recordBatch(b);
    expect(await store.pruneSamples({ olderThanMs, now: NOW })).toEqual({ prunedSamples: 401, sessions: 1 });
    const d = await store.getSession(sid(1));
    expect(d?.samples.map((s) => s.seq)).toEqual(Array.from({ length: 299 }, (_, i) => 401 + i));
    expect(d?.events.map((e) => e.kind)).toEqual(['stall', 'request']);
    const db = await openDB(name, DB_VERSION);
    const rows = (await db.getAll('sampleChunks')) as { seq: number; last: number }[];
    db.close();
    expect(rows.map((r) => [r.seq, r.last])).toEqual([
      [401, 599],
      [600, 699],
    ]);
    // Later batches and reads go on as usual; a second run finds nothing.
    await store.recordBatch(batch(sid(1), 700, 2, [], { startedAt: NOW - olderThanMs - 400_500 }));
    expect((await store.getSession(sid(1)))?.samples).toHaveLength(301);
    expect(await store.pruneSamples({ olderThanMs, now: NOW })).toEqual({ prunedSamples: 0, sessions: 0 });
  });
});

describe('deletion', () => {
  async function seeded() {
    const { store } = openStore();
    await store.recordBatch(batch(sid(1), 0, 3, [stall(sid(1), 0, 100)]));
    await store.recordBatch(
      batch(sid(2), 0, 3, [stall(sid(2), 0, 100)], { pageHost: 'www.netflix.com', service: 'netflix' }),
    );
    await store.recordBatch(batch(sid(3), 0, 3, [], { pageHost: 'www.netflix.com', service: 'netflix' }));
    return store;
  }

  it('deletes one session with its samples and events', async () => {
    const store = await seeded();
    expect(await store.deleteSession(sid(1))).toBe(true);
    expect(await store.getSession(sid(1))).toBeNull();
    expect(await store.deleteSession(sid(1))).toBe(false);
    expect((await store.listSessions()).sessions.map((s) => s.id).sort()).toEqual([sid(2), sid(3)]);
    // Re-recording the same id starts from nothing, not from left-over raw records.
    await store.recordBatch(batch(sid(1), 0, 2));
    expect((await store.getSession(sid(1)))?.session.agg).toMatchObject({ samples: 2, stallCount: 0 });
  });

  it("deletes one site's history", async () => {
    const store = await seeded();
    expect(await store.deleteHost('www.netflix.com')).toBe(2);
    expect((await store.listSessions()).sessions.map((s) => s.id)).toEqual([sid(1)]);
    expect(await store.getSession(sid(2))).toBeNull();
    expect((await store.getSession(sid(1)))?.samples).toHaveLength(3);
  });

  it('deletes everything, including quarantined copies and status', async () => {
    const store = await seeded();
    const bad = batch(sid(4), 0, 1);
    (bad.samples[0] as { h: unknown }).h = 'tall';
    await store.recordBatch(bad);
    await store.deleteAll();
    expect((await store.listSessions()).sessions).toEqual([]);
    expect(await store.getSession(sid(2))).toBeNull();
    expect((await store.quarantineSummary()).total).toBe(0);
  });
});
