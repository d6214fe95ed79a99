import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { maybeRunRetention, retentionDays } from '@/entrypoints/background/retention';
import { batch, DAY, NOW, openStore, sid, stall } from './db/helpers';

describe('retention of raw samples', () => {
  beforeEach(() => fakeBrowser.reset());

  it('defaults to 180 days and reads the user setting', async () => {
    expect(await retentionDays()).toBe(180);
    await fakeBrowser.storage.local.set({ settings: { sampleRetentionDays: 30 } });
    expect(await retentionDays()).toBe(30);
    await fakeBrowser.storage.local.set({ settings: { sampleRetentionDays: -4 } });
    expect(await retentionDays()).toBe(180);
  });

  it('prunes samples older than the setting once a day, keeping summaries and stalls', async () => {
    const { store } = openStore();
    const old = sid(1);
    const recent = sid(2);
    await store.recordBatch(
      batch(old, 0, 5, [stall(old, 0, 1200, NOW - 40 * DAY)], { startedAt: NOW - 40 * DAY }),
    );
    await store.recordBatch(batch(recent, 0, 5, [], { startedAt: NOW - 2 * DAY }));
    await fakeBrowser.storage.local.set({ settings: { sampleRetentionDays: 30 } });

    expect(await maybeRunRetention(NOW, store)).toBe(5);
    // Not again within a day, even from a restarted worker (the date is in storage).
    expect(await maybeRunRetention(NOW + DAY / 2, store)).toBeNull();

    const gone = await store.getSession(old);
    expect(gone?.samples).toEqual([]);
    expect(gone?.events.filter((e) => e.kind === 'stall')).toHaveLength(1);
    expect(gone?.session.agg.samples).toBe(5);
    expect((await store.getSession(recent))?.samples).toHaveLength(5);
  });

  it('stamps the run only after the pruning succeeded: a killed or failed run is retried, not skipped a day', async () => {
    const { store } = openStore();
    const old = sid(3);
    await store.recordBatch(batch(old, 0, 5, [], { startedAt: NOW - 400 * DAY }));
    let fail = true;
    const flaky = {
      ...store,
      pruneSamples: (opts: { olderThanMs: number; now: number }) =>
        fail ? Promise.reject(new Error('worker stopped')) : store.pruneSamples(opts),
    };
    await expect(maybeRunRetention(NOW, flaky)).rejects.toThrow('worker stopped');
    expect((await fakeBrowser.storage.local.get('lastRetentionAt')).lastRetentionAt).toBeUndefined();
    fail = false;
    expect(await maybeRunRetention(NOW + 60_000, flaky)).toBe(5);
    expect((await fakeBrowser.storage.local.get('lastRetentionAt')).lastRetentionAt).toBe(NOW + 60_000);
  });

  it('runs once when many batches arrive together', async () => {
    const { store } = openStore();
    let runs = 0;
    const counted = {
      ...store,
      pruneSamples: (opts: { olderThanMs: number; now: number }) => {
        runs++;
        return store.pruneSamples(opts);
      },
    };
    await Promise.all(Array.from({ length: 5 }, () => maybeRunRetention(NOW, counted)));
    expect(runs).toBe(1);
  });
});
