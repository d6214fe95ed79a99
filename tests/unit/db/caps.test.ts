/** What a flood can make the store keep: events per session and quarantine rows are capped. */
import { describe, expect, it } from 'vitest';

const MAX_EVENTS_PER_SESSION = 5000;
const MAX_QUARANTINE_ROWS = 1000;

import type { PlaybackEvent } from '../../../utils/schema/playback';
import { batch, DAY, NOW, openStore, sample, sid } from './helpers';

const seek = (id: string, seq: number): PlaybackEvent => ({
  sid: id,
  seq,
  t: NOW - DAY + seq,
  mt: 1,
  kind: 'seek',
  toMt: 2,
  durationMs: 5,
});

type Stepping = { _iterate(...args: unknown[]): unknown };

/** Counts the rows cursors step onto while `fn` runs (fake-indexeddb's internal step; idb's wrappers untouched). */
async function cursorSteps(fn: () => Promise<unknown>): Promise<number> {
  const proto = IDBCursor.prototype as unknown as Stepping;
  const step = proto._iterate;
  let steps = 0;
  proto._iterate = function (this: Stepping, ...args: unknown[]) {
    steps++;
    return step.apply(this, args);
  };
  try {
    await fn();
  } finally {
    proto._iterate = step;
  }
  return steps;
}

describe('caps', () => {
  it('keeps at most MAX_EVENTS_PER_SESSION events of a session and says how many it dropped', async () => {
    const { store } = openStore();
    const id = sid(1);
    const total = MAX_EVENTS_PER_SESSION + 1000;
    for (let from = 0; from < total; from += 600) {
      const events = Array.from({ length: Math.min(600, total - from) }, (_, i) => seek(id, from + i));
      await store.recordBatch(batch(id, from, 1, events));
    }
    const d = await store.getSession(id);
    console.info(`[caps] ${total} seeks sent, ${d?.events.length} stored`);
    expect(d?.events).toHaveLength(MAX_EVENTS_PER_SESSION);
    // The first ones are kept: a flood late in a session cannot push out what came before.
    expect(d?.events[0]?.seq).toBe(0);
    expect(d?.session.eventsDropped).toBe(1000);
  }, 60_000);

  it('keeps at most MAX_QUARANTINE_ROWS quarantined rows (oldest out) and still counts every one', async () => {
    const { store } = openStore();
    const id = sid(2);
    const total = MAX_QUARANTINE_ROWS + 500;
    for (let from = 0; from < total; from += 500) {
      const samples = Array.from({ length: 500 }, (_, i) => ({ ...sample(id, from + i), w: -1 }));
      await store.recordBatch({ ...batch(id, 0, 0), samples });
    }
    const q = await store.quarantineSummary();
    console.info(`[caps] ${total} bad samples, ${q.kept ?? '(all)'} rows kept, total ${q.total}`);
    expect(q.total).toBe(total);
    expect(q.byStore).toEqual({ samples: total });
    expect(q.kept).toBe(MAX_QUARANTINE_ROWS);
    expect(q.recent).toHaveLength(5);
  }, 60_000);

  it('reads the quarantine summary without walking the whole store', async () => {
    const { store } = openStore();
    const id = sid(3);
    const samples = Array.from({ length: 400 }, (_, i) => ({ ...sample(id, i), w: -1 }));
    await store.recordBatch({ ...batch(id, 0, 0), samples });
    const rows = await cursorSteps(async () => {
      const q = await store.quarantineSummary();
      expect(q.total).toBe(400);
      expect(q.byStore).toEqual({ samples: 400 });
      expect(q.recent).toHaveLength(5);
    });
    console.info(`[caps] quarantine summary of 400 rows: ${rows} rows read`);
    expect(rows).toBeLessThan(10);
  });
});
