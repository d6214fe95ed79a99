import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { DB_VERSION } from '../../../utils/db';
import { toJsonSafe } from '../../../utils/db/quarantine';
import { batch, openStore, sample, sid } from './helpers';

describe('quarantine', () => {
  it('sets an invalid sample aside, stores the rest, and reports why', async () => {
    const { store } = openStore();
    const b = batch(sid(1), 0, 5);
    (b.samples[2] as { w: unknown }).w = -3;
    const r = await store.recordBatch(b);
    expect(r).toMatchObject({ stored: { samples: 4 }, quarantined: 1 });
    const q = await store.quarantineSummary();
    expect(q.total).toBe(1);
    expect(q.byStore).toEqual({ samples: 1 });
    expect(q.recent[0]?.reason.join()).toMatch(/^w: /);
    expect((await store.getSession(sid(1)))?.samples.map((s) => s.seq)).toEqual([0, 1, 3, 4]);
  });

  it('reports a resent bad record once', async () => {
    const { store } = openStore();
    const b = batch(sid(1), 0, 2);
    (b.samples[1] as { state: unknown }).state = 'dancing';
    await store.recordBatch(b);
    const again = await store.recordBatch(structuredClone(b));
    expect(again.quarantined).toBe(0);
    expect((await store.quarantineSummary()).total).toBe(1);
  });

  it('quarantines a whole batch whose session is invalid, record by record', async () => {
    const { store } = openStore();
    const b = batch(sid(1), 0, 3);
    (b.session as { service: unknown }).service = 'myspace';
    const r = await store.recordBatch(b);
    expect(r).toMatchObject({ stored: { samples: 0, events: 0 }, quarantined: 4 });
    expect((await store.quarantineSummary()).byStore).toEqual({ sessions: 1, samples: 3 });
    expect(await store.getSession(sid(1))).toBeNull();
  });

  it('moves a corrupt stored session to quarantine on read and lists the rest', async () => {
    const { store, name } = openStore();
    for (const n of [1, 2, 3]) await store.recordBatch(batch(sid(n), 0, 2, [], { startedAt: 1000 * n }));
    const raw = await openDB(name, DB_VERSION);
    await raw.put('sessions', { ...(await raw.get('sessions', sid(2))), agg: 'garbage' });
    raw.close();

    const page = await store.listSessions();
    expect(page.sessions.map((s) => s.id)).toEqual([sid(3), sid(1)]);
    const q = await store.quarantineSummary();
    expect(q.byStore).toEqual({ sessions: 1 });
    expect(q.recent[0]?.reason.join()).toMatch(/agg/);
    // History was not reset: the others and sid(2)'s raw samples are still there.
    expect((await store.getSession(sid(1)))?.samples).toHaveLength(2);
    expect((await store.listSessions()).sessions).toHaveLength(2);
  });

  it('rebuilds a corrupt session from its raw samples when its next batch arrives', async () => {
    const { store, name } = openStore();
    await store.recordBatch(batch(sid(1), 0, 5));
    const raw = await openDB(name, DB_VERSION);
    await raw.put('sessions', { id: sid(1), broken: true });
    raw.close();
    await store.recordBatch(batch(sid(1), 5, 5));
    const s = await store.getSession(sid(1));
    expect(s?.session.agg).toMatchObject({ samples: 10, watchMs: 9000, lastSeq: 9 });
    expect((await store.quarantineSummary()).byStore).toEqual({ sessions: 1 });
  });

  it('moves a corrupt sample out of a session read and returns the others', async () => {
    const { store, name } = openStore();
    await store.recordBatch(batch(sid(1), 0, 3));
    const raw = await openDB(name, DB_VERSION);
    await raw.put('samples', { ...sample(sid(1), 1), br: 'fast' });
    raw.close();
    expect((await store.getSession(sid(1)))?.samples.map((s) => s.seq)).toEqual([0, 2]);
    expect((await store.quarantineSummary()).byStore).toEqual({ samples: 1 });
  });

  it('keeps a JSON-safe, size-capped copy that still shows NaN and Infinity', () => {
    expect(toJsonSafe({ a: Number.NaN, b: Number.POSITIVE_INFINITY, c: 10n })).toEqual({
      a: 'NaN',
      b: 'Infinity',
      c: '10n',
    });
    const big = toJsonSafe({ s: 'x'.repeat(10_000) }) as { truncated: boolean; head: string };
    expect(big.truncated).toBe(true);
    expect(big.head.length).toBe(4096);
  });
});
