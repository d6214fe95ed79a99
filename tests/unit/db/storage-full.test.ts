/**
 * Storage stays full while every tracker resends: one pruning pass, then writes fail fast until space is
 * freed or time passes. Driven as the real tracker does: an Outbox per playing session, flushed every 3 s.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Outbox } from '../../../entrypoints/video-tracker/outbox';
import type { HistoryStore } from '../../../utils/db';
import type { BatchAck } from '../../../utils/messaging/worker-protocol';
import { DAY, meta, NOW, openStore, sample, sid, stall } from './helpers';

const realPut = IDBObjectStore.prototype.put;
afterEach(() => {
  IDBObjectStore.prototype.put = realPut;
});

/** A full disk, as far as new records go: every sample-chunk put fails until `free()`. */
function fillDisk() {
  let full = true;
  let hits = 0;
  IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    if (full && this.name === 'sampleChunks') {
      hits++;
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }
    return realPut.apply(this, args);
  };
  return {
    hits: () => hits,
    free: () => {
      full = false;
    },
  };
}

const OLD = 20;
const PER_OLD = 30;

async function seedOld(store: HistoryStore) {
  for (let n = 0; n < OLD; n++) {
    const m = meta(sid(n), { startedAt: NOW - (100 - n) * DAY, endedAt: NOW - (100 - n) * DAY + 60_000 });
    await store.recordBatch({
      session: m,
      samples: Array.from({ length: PER_OLD }, (_, i) => sample(m.id, i, {}, m.startedAt)),
      events: [stall(m.id, 0, 700, m.startedAt + 5000)],
    });
  }
}

async function census(store: HistoryStore) {
  let samples = 0;
  let events = 0;
  let pruned = 0;
  for (let n = 0; n < OLD; n++) {
    const d = await store.getSession(sid(n));
    samples += d?.samples.length ?? 0;
    events += d?.events.length ?? 0;
    if (d?.session.rawPrunedAt !== undefined) pruned++;
  }
  return { samples, events, pruned, sessions: (await store.listSessions({ limit: 500 })).sessions.length };
}

describe('storage full for 60 s of resends', () => {
  it('prunes raw samples once, loses nothing else, fails fast, and stores the backlog once space is freed', async () => {
    let clock = NOW;
    const { store } = openStore(undefined, () => clock);
    await seedOld(store);
    const before = await census(store);
    expect(before).toEqual({ samples: OLD * PER_OLD, events: OLD, pruned: 0, sessions: OLD });

    // 20 sessions playing now, each with its own tracker outbox, as content scripts have.
    const live = Array.from({ length: 20 }, (_, i) => meta(sid(100 + i), { startedAt: NOW, tabId: i + 1 }));
    const send = async (b: Parameters<ConstructorParameters<typeof Outbox>[0]>[0]): Promise<BatchAck> => {
      try {
        const r = await store.recordBatch({ session: b.session, samples: b.samples, events: b.events });
        return { ok: true, stored: r.stored, duplicates: r.duplicates };
      } catch (e) {
        return { ok: false, error: e instanceof Error ? e.message : String(e) };
      }
    };
    const outboxes = live.map(() => new Outbox(send));
    let seq = 0;
    const disk = fillDisk();
    // 60 s: a sample a second per session, every outbox flushed every 3 s.
    for (let tick = 0; tick < 20; tick++) {
      for (let s = 0; s < 3; s++) {
        for (const [i, m] of live.entries()) outboxes[i]?.sample(m, sample(m.id, seq, {}, NOW));
        seq++;
      }
      clock = NOW + (tick + 1) * 3000;
      await Promise.all(outboxes.map((o) => o.flush()));
    }
    const after = await census(store);
    const sends = outboxes.reduce((n, o) => n + o.sent, 0);
    const failures = outboxes.reduce((n, o) => n + o.failures, 0);
    console.info(
      `[storage-full] ${sends} sends, ${failures} failed, ${disk.hits()} sample writes tried; old sessions' raw samples ${before.samples} -> ${after.samples}, sessions with samples pruned: ${after.pruned}`,
    );
    expect(failures).toBe(sends);
    // One pruning pass: a tenth of the sample chunks (2 of 20 sessions), then no more.
    expect(after.pruned).toBe(2);
    expect(after.samples).toBe((OLD - 2) * PER_OLD);
    // Nothing else lost.
    expect(after.events).toBe(before.events);
    expect(after.sessions).toBe(before.sessions);
    expect((await store.quarantineSummary()).total).toBe(0);
    // Writes fail fast: the disk was tried by the first batches only, not by each of the 400 resends.
    expect(disk.hits()).toBeLessThan(20 * 3);
    expect(await store.storageStatus()).toMatchObject({ state: 'full', prunedSessions: 2 });

    // Space is freed (the user deletes a session): the next flushes store every queued sample, once
    // (the batch that was being resent first, then the rest).
    disk.free();
    await store.deleteSession(sid(19));
    for (let tick = 0; tick < 2; tick++) {
      clock += 3000;
      await Promise.all(outboxes.map((o) => o.flush()));
    }
    expect(outboxes.reduce((n, o) => n + o.queued, 0)).toBe(0);
    for (const m of live) expect((await store.getSession(m.id))?.samples.length).toBe(seq);
    expect((await store.storageStatus())?.state).toBe('pruned');
  });

  it('tries the disk again after a while without the user, and prunes no more', async () => {
    let clock = NOW;
    const { store } = openStore(undefined, () => clock);
    await seedOld(store);
    const disk = fillDisk();
    const write = (n: number) =>
      store.recordBatch({ session: meta(sid(200)), samples: [sample(sid(200), n)], events: [] });
    await expect(write(0)).rejects.toThrow(/full/i);
    const tried = disk.hits();
    clock += 60_000;
    await expect(write(1)).rejects.toThrow(/full/i);
    expect(disk.hits()).toBe(tried);
    // Later the disk is tried again (still full: no second prune).
    clock += 10 * 60_000;
    await expect(write(2)).rejects.toThrow(/full/i);
    expect(disk.hits()).toBeGreaterThan(tried);
    expect((await census(store)).pruned).toBe(2);
    // And when it has room, the write goes through with no user action.
    disk.free();
    clock += 10 * 60_000;
    await write(3);
    expect((await store.getSession(sid(200)))?.samples).toHaveLength(1);
  });
});
