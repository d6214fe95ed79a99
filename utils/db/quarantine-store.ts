/**
 * The quarantine store's writes and summary. Rows are capped (oldest out) so a page that keeps sending
 * bad records cannot fill the disk with them; a counter in `meta` keeps how many were ever set aside,
 * by source, so the popup's summary reads one row and the newest few instead of the whole store.
 */
import type { IDBPObjectStore } from 'idb';
import {
  QuarantineCount,
  type QuarantineRow,
  QuarantineRow as QuarantineRowSchema,
  type QuarantineSource,
} from './rows';
import type { Store, WitnessDB, WitnessDb } from './schema';

/** Rows kept; beyond this the oldest go (the counter still counts them). */
export const MAX_QUARANTINE_ROWS = 1000;

type Writable = 'readwrite' | 'versionchange';
export type QuarantineStore = IDBPObjectStore<WitnessDB, ArrayLike<Store>, 'quarantine', Writable>;
export type MetaStore = IDBPObjectStore<WitnessDB, ArrayLike<Store>, 'meta', Writable>;

const emptyCount = (): QuarantineCount => ({ key: 'quarantine', total: 0, byStore: {} });

/** The stored counter; for a database quarantined into before the counter existed, counted once from the rows. */
async function readCount(
  store: IDBPObjectStore<WitnessDB, ArrayLike<Store>, 'quarantine', IDBTransactionMode | 'versionchange'>,
  meta: IDBPObjectStore<WitnessDB, ArrayLike<Store>, 'meta', IDBTransactionMode | 'versionchange'>,
): Promise<{ count: QuarantineCount; stored: boolean }> {
  const row = QuarantineCount.safeParse(await meta.get('quarantine'));
  if (row.success) return { count: row.data, stored: true };
  const count = emptyCount();
  for (let c = await store.openCursor(); c; c = await c.continue()) {
    const r = QuarantineRowSchema.safeParse(c.value);
    const source = r.success ? r.data.store : 'batch';
    count.total++;
    count.byStore[source] = (count.byStore[source] ?? 0) + 1;
  }
  return { count, stored: false };
}

/** Writes of one transaction, one after another: the counter is read, changed and written back. */
const queues = new WeakMap<object, Promise<unknown>>();

async function put(store: QuarantineStore, meta: MetaStore, row: QuarantineRow): Promise<boolean> {
  if ((await store.index('fp').getKey(row.fp)) !== undefined) return false;
  // Read (or first count) before adding, so the new row is counted once.
  const { count } = await readCount(store, meta);
  await store.add(row);
  count.total++;
  count.byStore[row.store] = (count.byStore[row.store] ?? 0) + 1;
  await meta.put(count);
  let excess = (await store.count()) - MAX_QUARANTINE_ROWS;
  for (let c = excess > 0 ? await store.openCursor() : null; c && excess > 0; c = await c.continue()) {
    await c.delete();
    excess--;
  }
  return true;
}

/**
 * Adds a row unless the same record is already quarantined (true when added), counts it, and drops the
 * oldest rows beyond MAX_QUARANTINE_ROWS. Runs inside the caller's transaction.
 */
export function putQuarantine(store: QuarantineStore, meta: MetaStore, row: QuarantineRow): Promise<boolean> {
  const key = store.transaction;
  const next = (queues.get(key) ?? Promise.resolve()).then(
    () => put(store, meta, row),
    () => put(store, meta, row),
  );
  queues.set(key, next);
  return next;
}

export interface QuarantineSummary {
  /** Records ever set aside (rows beyond the cap are gone but still counted). */
  total: number;
  byStore: Partial<Record<QuarantineSource, number>>;
  /** Rows still held (at most MAX_QUARANTINE_ROWS). */
  kept?: number;
  /** The most recent few, newest first, for the popup to say what was set aside and why. */
  recent: { id: number; at: number; store: QuarantineSource; reason: string[] }[];
}

/** Rows looked at for the `recent` list, parseable or not: the summary never walks the store. */
const RECENT_SCAN = 20;

export async function quarantineSummary(db: WitnessDb, recentLimit = 5): Promise<QuarantineSummary> {
  if ((await db.getKey('meta', 'quarantine')) === undefined && (await db.count('quarantine')) > 0) {
    // Rows from before the counter: count them once and keep the count, so later openings read it.
    const rw = db.transaction(['quarantine', 'meta'], 'readwrite');
    const { count, stored } = await readCount(rw.objectStore('quarantine'), rw.objectStore('meta'));
    if (!stored) await rw.objectStore('meta').put(count);
    await rw.done;
  }
  const tx = db.transaction(['quarantine', 'meta'], 'readonly');
  const rows = tx.objectStore('quarantine');
  const kept = await rows.count();
  const { count } = await readCount(rows, tx.objectStore('meta'));
  const summary: QuarantineSummary = { total: count.total, byStore: count.byStore, kept, recent: [] };
  let scanned = 0;
  for (let c = await rows.openCursor(null, 'prev'); c; ) {
    const row = QuarantineRowSchema.safeParse(c.value);
    if (row.success) {
      summary.recent.push({
        id: c.primaryKey,
        at: row.data.at,
        store: row.data.store,
        reason: row.data.reason,
      });
    }
    scanned++;
    c = summary.recent.length < recentLimit && scanned < RECENT_SCAN ? await c.continue() : null;
  }
  await tx.done;
  return summary;
}
