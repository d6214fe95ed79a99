import { afterEach, describe, expect, it } from 'vitest';
import { StorageFullError } from '../../../utils/db';
import { batch, DAY, NOW, openStore, sid, stall } from './helpers';

const realPut = IDBObjectStore.prototype.put;
afterEach(() => {
  IDBObjectStore.prototype.put = realPut;
});

type Fault = (store: IDBObjectStore) => void;

/** Fails sample-chunk puts as a full disk would, `times` times, in the way `fault` says. */
function injectQuota(times: number, fault: Fault): { hits: () => number } {
  let hits = 0;
  IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    if (this.name === 'sampleChunks' && hits < times) {
      hits += 1;
      fault(this);
    }
    return realPut.apply(this, args);
  };
  return { hits: () => hits };
}

const throwOnPut: Fault = () => {
  throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
};
/** Chrome reports quota at commit: requests succeed, then the transaction aborts with QuotaExceededError. */
const abortAtCommit: Fault = (s) => {
  const tx = s.transaction as IDBTransaction & { _abort(name: string): void };
  queueMicrotask(() => tx._abort('QuotaExceededError'));
};

async function seedHistory() {
  const { store } = openStore();
  // Ten old sessions, oldest first, 10 samples each, one stall each; plus today's session.
  for (let n = 0; n < 10; n++) {
    await store.recordBatch(
      batch(sid(n), 0, 10, [stall(sid(n), 0, 500)], { startedAt: NOW - (100 - n) * DAY }),
    );
  }
  return store;
}

describe('quota exceeded', () => {
  for (const [how, fault] of [
    ['thrown by a put', throwOnPut],
    ['raised at commit (tx.done)', abortAtCommit],
  ] as const) {
    it(`prunes the oldest raw samples, retries once and says so, when ${how}`, async () => {
      const store = await seedHistory();
      const fail = injectQuota(1, fault);
      const r = await store.recordBatch(batch(sid(99), 0, 5, [], { startedAt: NOW }));
      expect(fail.hits()).toBe(1);
      expect(r).toMatchObject({ stored: { samples: 5 }, pruned: { prunedSamples: 10, sessions: 1 } });

      // The oldest session lost only its raw samples; its summary and stall remain.
      const oldest = await store.getSession(sid(0));
      expect(oldest?.samples).toEqual([]);
      expect(oldest?.events).toHaveLength(1);
      expect(oldest?.session.agg.samples).toBe(10);
      expect(oldest?.session.rawPrunedAt).toBe(NOW);
      expect((await store.getSession(sid(1)))?.samples).toHaveLength(10);
      expect((await store.getSession(sid(99)))?.samples).toHaveLength(5);

      const status = await store.storageStatus();
      expect(status).toMatchObject({ state: 'pruned', lastPrunedAt: NOW, prunedSamples: 10 });
      expect(status?.message).toMatch(/Storage was full/);
      await store.clearStorageStatus();
      expect(await store.storageStatus()).toBeNull();
    });
  }

  it('gives up after one retry: nothing half-written, status says storage is full', async () => {
    const store = await seedHistory();
    injectQuota(2, throwOnPut);
    await expect(store.recordBatch(batch(sid(99), 0, 5, [], { startedAt: NOW }))).rejects.toBeInstanceOf(
      StorageFullError,
    );
    expect(await store.getSession(sid(99))).toBeNull();
    expect(await store.storageStatus()).toMatchObject({ state: 'full', prunedSamples: 10 });
    // Summaries of all old sessions are intact.
    expect((await store.listSessions()).sessions).toHaveLength(10);
  });

  it('counts chunks, not rows: the oldest session goes whole even when it spans several chunks', async () => {
    const { store } = openStore();
    await store.recordBatch(batch(sid(0), 0, 700, [stall(sid(0), 0, 500)], { startedAt: NOW - 100 * DAY }));
    for (let n = 1; n < 10; n++) {
      await store.recordBatch(batch(sid(n), 0, 10, [], { startedAt: NOW - (100 - n) * DAY }));
    }
    injectQuota(1, throwOnPut);
    // 12 chunks: a tenth is 2, and the oldest session alone has 3.
    const r = await store.recordBatch(batch(sid(99), 0, 5, [], { startedAt: NOW }));
    expect(r.pruned).toEqual({ prunedSamples: 700, sessions: 1 });
    expect((await store.getSession(sid(0)))?.events).toHaveLength(1);
    expect((await store.getSession(sid(1)))?.samples).toHaveLength(10);
  });

  it('never prunes the session being written', async () => {
    const { store } = openStore();
    await store.recordBatch(batch(sid(1), 0, 10, [], { startedAt: NOW - 50 * DAY }));
    injectQuota(1, throwOnPut);
    const r = await store.recordBatch(batch(sid(1), 10, 5, [], { startedAt: NOW - 50 * DAY }));
    expect(r.pruned?.prunedSamples).toBe(0);
    expect((await store.getSession(sid(1)))?.samples).toHaveLength(15);
  });
});
