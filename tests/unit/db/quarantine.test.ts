import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { DB_VERSION } from '../../../utils/db';
import { toJsonSafe } from '../../../utils/db/quarantine';
import { batch, DAY, NOW, openStore, sid } from './helpers';

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

  it('moves a damaged sample chunk out of a session read, keeps its bytes, and returns the other chunks', async () => {
    const { store, name } = openStore();
    await store.recordBatch(batch(sid(1), 0, 3));
    const raw = await openDB(name, DB_VERSION);
    const [good] = await raw.getAll('sampleChunks');
    const t = NOW - DAY + 10_000;
    // Bytes cut short, and a header that does not match its (valid) bytes.
    await raw.put('sampleChunks', {
      sid: sid(1),
      seq: 10,
      last: 12,
      n: 3,
      t,
      u: t + 2000,
      b: good.b.slice(0, 9),
    });
    await raw.put('sampleChunks', { ...good, seq: 20, last: 22 });
    raw.close();
    expect((await store.getSession(sid(1)))?.samples.map((s) => s.seq)).toEqual([0, 1, 2]);
    const q = await store.quarantineSummary();
    expect(q.byStore).toEqual({ samples: 2 });
    expect(q.recent.map((r) => r.reason.join())).toEqual(
      expect.arrayContaining(['b: truncated', 'chunk: header does not match its records']),
    );
    const again = await openDB(name, DB_VERSION);
    const copies = await again.getAll('quarantine');
    again.close();
    const cut = copies.find((c) => (c.key as number[])[1] === 10);
    expect(cut.raw.b).toEqual({ Uint8Array: Buffer.from(good.b.slice(0, 9)).toString('base64') });
    // Read again: nothing more to set aside.
    expect((await store.getSession(sid(1)))?.samples).toHaveLength(3);
    expect((await store.quarantineSummary()).total).toBe(2);
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
