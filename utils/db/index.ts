/**
 * The history store the background worker owns; it is the only context that opens the database
 * (extension pages ask the worker: utils/messaging/history-client.ts). Stateless between calls: every
 * fact lives in IndexedDB (the connection is a cache), so a stopped MV3 worker or a Firefox event page
 * loses nothing. `recordBatch` resolves only after its transaction commits: acknowledge the content
 * script then. Reads are read-only transactions; the rows they found unusable are moved to quarantine
 * here, after the read, by the owner.
 */
import {
  createFullState,
  FULL_MESSAGE,
  FULL_RETRY_MS,
  prunedMessage,
  QUOTA_PRUNE_FRACTION,
  recovered,
  StorageFullError,
} from './full';
import * as m from './maintenance';
import { type BatchInput, prepareBatch } from './prepare';
import { UPGRADE_PENDING_MESSAGE, UpgradePendingError } from './previous-version';
import { quarantineMisfits, type Read, quarantineBatch as setBatchAside } from './quarantine';
import { quarantineSummary as summarizeQuarantine } from './quarantine-store';
import * as q from './queries';
import type { QuotaStatus } from './rows';
import { createDbHandle, DB_NAME, type DbHandle, isPreviousVersion, type WitnessDb, withDb } from './schema';
import { type BatchResult, writeBatch } from './writes';

/** Default retention of raw samples; the caller reads the user's setting and passes it in. */
export { DEFAULT_SAMPLE_RETENTION_DAYS } from '../settings/schema';
export {
  FULL_RETRY_MS,
  PRUNE_INTERVAL_MS,
  QUOTA_PRUNE_FRACTION,
  StorageFullError,
} from './full';
export type { PruneResult } from './maintenance';
export type { BatchInput } from './prepare';
export { UpgradePendingError } from './previous-version';
export type { Misfit, Read } from './quarantine';
export { MAX_QUARANTINE_ROWS, type QuarantineSummary } from './quarantine-store';
export type { DailyRow, ListOptions, SessionCursor, SessionDetail, SessionPage } from './queries';
export type { BatchSession, QuarantineRow, QuotaStatus, StoredSession } from './rows';
export { DB_NAME, DB_VERSION, UPGRADE_RETRY_MS, type WitnessDB } from './schema';
export type { BatchResult } from './writes';
export { MAX_EVENTS_PER_SESSION, MAX_REQUESTS_PER_SESSION } from './writes';

export interface HistoryStoreOptions {
  name?: string;
  /** Clock for stored timestamps (quarantine, prune marks, status); tests pass a fixed one. */
  now?: () => number;
}

export type RecordResult = BatchResult & { pruned?: m.PruneResult };

export function createHistoryStore(options: HistoryStoreOptions = {}) {
  const now = options.now ?? Date.now;
  const handle: DbHandle = createDbHandle(options.name ?? DB_NAME, now);
  const run = <T>(fn: (db: WitnessDb) => Promise<T>) => withDb(handle, fn);
  /** A read, then the quarantine move of what it found unusable (a failed move loses nothing: the row stays). */
  const read = <T>(fn: (db: WitnessDb) => Promise<Read<T>>) =>
    run(async (db) => {
      const { value, misfits } = await fn(db);
      await quarantineMisfits(db, misfits, now());
      return value;
    });

  const full = createFullState();

  /**
   * Validates and writes in one transaction. On QuotaExceededError: prunes old raw samples once (see
   * full.ts) and retries once; when that fails, or while storage is known to be full, throws
   * StorageFullError without touching the disk.
   */
  async function recordBatch(input: BatchInput): Promise<RecordResult> {
    const at = now();
    const batch = prepareBatch(input, at);
    if (await run(async (db) => isPreviousVersion(db)))
      throw new UpgradePendingError(UPGRADE_PENDING_MESSAGE);
    const known = await run((db) => full.read(db));
    if (full.holding(known, at)) throw new StorageFullError(FULL_MESSAGE);
    // The first write after a full spell records the recovery in its own transaction.
    const after = known?.state === 'full' ? recovered(known) : undefined;
    try {
      const r = await run((db) => writeBatch(db, batch, at, after));
      if (after) full.remember(after);
      return r;
    } catch (err) {
      if (!m.isQuotaError(err)) throw err;
    }
    // Firefox may keep a connection read-only after a quota error: reopen before anything else.
    let db = await handle.reopen();
    const stopped = (s: QuotaStatus) =>
      full.save(db, {
        ...s,
        state: 'full',
        fullSince: known?.state === 'full' ? (known.fullSince ?? at) : at,
        retryAt: at + FULL_RETRY_MS,
        message: FULL_MESSAGE,
        dismissed: false,
      });
    if (known && !full.mayPrune(known, at)) {
      await stopped(known);
      throw new StorageFullError(FULL_MESSAGE);
    }
    const keep = new Set(batch.session ? [batch.session.id] : []);
    const pruned = await m.pruneOldestSamples(db, { fraction: QUOTA_PRUNE_FRACTION, now: at, keep });
    const status: QuotaStatus = {
      key: 'quota',
      state: 'pruned',
      lastPrunedAt: at,
      prunedSamples: pruned.prunedSamples,
      prunedSessions: pruned.sessions,
      message: prunedMessage(pruned.sessions, pruned.prunedSamples),
    };
    try {
      const r = await writeBatch(db, batch, at, status);
      full.remember(status);
      return { ...r, pruned };
    } catch (err) {
      if (!m.isQuotaError(err)) throw err;
      db = await handle.reopen();
      await stopped(status);
      throw new StorageFullError(FULL_MESSAGE);
    }
  }

  /** A deletion frees space: the next write tries the disk instead of failing at once. */
  const freeing =
    <A extends unknown[], T>(fn: (db: WitnessDb, ...a: A) => Promise<T>) =>
    (...a: A) =>
      run(async (db) => {
        const r = await fn(db, ...a);
        handle.retryUpgradeSoon();
        await full.lift(db).catch(() => undefined);
        return r;
      });

  return {
    recordBatch,
    listSessions: (opts: q.ListOptions = {}) => read((db) => q.listSessions(db, opts)),
    getSession: (id: string) => read((db) => q.getSession(db, id)),
    dailyByService: (opts: { from: number; to: number; tzOffsetMin: number }) =>
      read((db) => q.dailyByService(db, opts)),
    liveSessionOfTab: (tabId: number) => read((db) => q.liveSessionOfTab(db, tabId)),
    /** Retention: pass the user's setting (default DEFAULT_SAMPLE_RETENTION_DAYS) as olderThanMs. */
    pruneSamples: (opts: { olderThanMs: number; now: number }) => run((db) => m.pruneSamples(db, opts)),
    storageStatus: () => run((db) => m.storageStatus(db)),
    /** The user dismissed the note: it is no longer shown, and a held write is tried again. */
    clearStorageStatus: () => run((db) => full.lift(db, { dismiss: true })),
    quarantineSummary: () => run((db) => summarizeQuarantine(db)),
    /** A batch refused whole (it did not parse): set aside once, never stored. */
    quarantineBatch: (raw: unknown, reason: Parameters<typeof setBatchAside>[2]) =>
      run((db) => setBatchAside(db, raw, reason, now())),
    deleteSession: freeing(m.deleteSession),
    deleteHost: freeing(m.deleteHost),
    deleteAll: () =>
      run(async (db) => {
        await m.deleteAll(db);
        full.forget();
      }),
    close: () => handle.close(),
  };
}

export type HistoryStore = ReturnType<typeof createHistoryStore>;

/** The worker's store. Opening is lazy: importing this module touches no database. */
export const historyStore: HistoryStore = createHistoryStore();

export const {
  recordBatch,
  listSessions,
  getSession,
  dailyByService,
  liveSessionOfTab,
  pruneSamples,
  storageStatus,
  clearStorageStatus,
  quarantineSummary,
  quarantineBatch,
  deleteSession,
  deleteHost,
  deleteAll,
} = historyStore;
