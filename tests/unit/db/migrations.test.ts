/**
 * One test per upgrade step: the previous version's shape is written here by hand with raw
 * IndexedDB (not with our upgrade code), seeded, then opened through the store.
 */
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { DB_VERSION } from '../../../utils/db';
import { emptyAggregates, foldSample } from '../../../utils/metrics/aggregate';
import { batch, DAY, freshName, meta, NOW, openStore, sample, sid, stall } from './helpers';
import { createV1, createV2, rawOpen, seed } from './legacy';

function v1Rows(): [string, unknown][] {
  const samples = [0, 1, 2].map((n) => sample(sid(1), n));
  const agg = samples.reduce(foldSample, emptyAggregates());
  return [
    ['sessions', { ...meta(sid(1), { tabId: 7 }), agg }],
    [
      'sessions',
      {
        ...meta(sid(2), { service: 'netflix', pageHost: 'www.netflix.com', startedAt: NOW }),
        agg: emptyAggregates(),
      },
    ],
    ['sessions', { id: sid(3), startedAt: NOW - 2 * DAY, note: 'written by a buggy build' }],
    ...samples.map((s): [string, unknown] => ['samples', s]),
    ['events', stall(sid(1), 0, 800)],
  ];
}

/** Every store and index of the current version, as a fresh install creates them. */
async function expectCurrentShape(name: string): Promise<void> {
  const db = await openDB(name, DB_VERSION);
  expect([...db.objectStoreNames].sort()).toEqual([
    'events',
    'meta',
    'quarantine',
    'requestChunks',
    'sampleChunks',
    'sessions',
  ]);
  expect([...db.transaction('sampleChunks').store.indexNames]).toEqual(['t']);
  expect([...db.transaction('sessions').store.indexNames].sort()).toEqual([
    'hostStartedAt',
    'pageHost',
    'service',
    'serviceStartedAt',
    'startedAt',
    'tabId',
  ]);
  db.close();
}

describe('schema upgrades', () => {
  it('v0 → current: a fresh install gets every store and index', async () => {
    const { store, name } = openStore();
    await store.listSessions();
    await expectCurrentShape(name);
  });

  it('repairs a database that exists at v1 with no stores (opened by name without a version) instead of failing every open', async () => {
    const name = freshName();
    // What `indexedDB.open(name)` from any extension page does when history does not exist yet.
    (await rawOpen(name, 1, () => undefined)).close();
    const { store } = openStore(name);
    await store.recordBatch(batch(sid(1), 0, 4));
    expect((await store.getSession(sid(1)))?.samples).toHaveLength(4);
    await expectCurrentShape(name);
  });

  it('v1 → v2: keeps sessions, samples and events; adds quarantine and meta; bad rows are quarantined, not lost', async () => {
    const name = freshName();
    const old = await rawOpen(name, 1, createV1);
    await seed(old, ['sessions', 'samples', 'events'], v1Rows());
    old.close();

    const { store } = openStore(name);
    const detail = await store.getSession(sid(1));
    expect(detail?.samples).toHaveLength(3);
    expect(detail?.events).toHaveLength(1);
    expect(detail?.session.tabId).toBe(7);
    // The v1 row that never matched the schema is moved aside on first read, the others listed.
    expect((await store.listSessions()).sessions.map((s) => s.id)).toEqual([sid(2), sid(1)]);
    expect((await store.quarantineSummary()).byStore).toEqual({ sessions: 1 });
    expect(await store.storageStatus()).toBeNull(); // meta store exists and is empty
    // New writes to an old session fold on top of its stored aggregates.
    await store.recordBatch(batch(sid(1), 3, 2));
    expect((await store.getSession(sid(1)))?.session.agg.samples).toBe(5);
  });

  it('v2 → v3: adds service/host × startedAt indexes over existing sessions, keeps quarantine and meta', async () => {
    const name = freshName();
    const old = await rawOpen(name, 2, createV2);
    await seed(
      old,
      ['sessions', 'samples', 'events', 'quarantine', 'meta'],
      [
        ...v1Rows().filter(([, v]) => (v as { agg?: unknown }).agg !== undefined),
        ['quarantine', { at: NOW, store: 'samples', reason: ['w: too small'], raw: { w: -1 }, fp: 'abc' }],
        [
          'meta',
          { key: 'quota', state: 'pruned', lastPrunedAt: NOW, prunedSamples: 12, message: 'was full' },
        ],
      ],
    );
    old.close();

    const { store, name: n } = openStore(name);
    expect((await store.listSessions({ service: 'netflix' })).sessions.map((s) => s.id)).toEqual([sid(2)]);
    expect((await store.listSessions({ host: 'www.youtube.com' })).sessions.map((s) => s.id)).toEqual([
      sid(1),
    ]);
    expect((await store.quarantineSummary()).total).toBe(1);
    expect(await store.storageStatus()).toMatchObject({ prunedSamples: 12 });
    const db = await openDB(n, DB_VERSION);
    expect(
      await db.countFromIndex(
        'sessions',
        'serviceStartedAt',
        IDBKeyRange.bound(['youtube', 0], ['youtube', Infinity]),
      ),
    ).toBe(1);
    db.close();
  });
});

describe('connection lifecycle', () => {
  it('steps aside for a newer version (blocking) instead of blocking it', async () => {
    const { store, name } = openStore();
    await store.recordBatch(batch(sid(1), 0, 2));
    let blocked = false;
    const newer = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name, DB_VERSION + 1);
      req.onblocked = () => {
        blocked = true;
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    expect(blocked).toBe(false);
    expect(newer.version).toBe(DB_VERSION + 1);
    newer.close();
  });

  it('lets history be deleted while open, then reopens lazily on the next call', async () => {
    const { store, name } = openStore();
    await store.recordBatch(batch(sid(1), 0, 2));
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.deleteDatabase(name);
      req.onblocked = () => reject(new Error('delete was blocked by our connection'));
      req.onsuccess = () => resolve();
    });
    expect((await store.listSessions()).sessions).toEqual([]);
    await store.recordBatch(batch(sid(2), 0, 2));
    expect((await store.listSessions()).sessions.map((s) => s.id)).toEqual([sid(2)]);
  });
});
