/**
 * The history store the background worker owns. Stateless between calls: every fact lives in
 * IndexedDB (the connection is a cache), so a stopped MV3 worker or a Firefox event page loses nothing.
 * `recordBatch` resolves only after its transaction commits: acknowledge the content script then.
 */
import * as m from './maintenance';
import { type BatchInput, prepareBatch } from './prepare';
import { quarantineSummary as summarizeQuarantine } from './quarantine';
import * as q from './queries';
import { createDbHandle, DB_NAME, type DbHandle, type WitnessDb, withDb } from './schema';
import { type BatchResult, writeBatch } from './writes';

export type { PruneResult } from './maintenance';
export type { BatchInput } from './prepare';
export type { QuarantineSummary } from './quarantine';
export type { DailyRow, ListOptions, SessionCursor, SessionDetail, SessionPage } from './queries';
export type { BatchSession, QuarantineRow, QuotaStatus, StoredSession } from './rows';
export { DB_NAME, DB_VERSION, type WitnessDB } from './schema';
export type { BatchResult } from './writes';

/** Share of all raw samples removed when storage is full, before the one retry. */
export const QUOTA_PRUNE_FRACTION = 0.1;
/** Default retention of raw samples; the caller reads the user's setting and passes it in. */
export { DEFAULT_SAMPLE_RETENTION_DAYS } from '../settings/schema';

export class StorageFullError extends Error {
  override name = 'StorageFullError';
}

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

  /** Validates, writes in one transaction, and on QuotaExceededError prunes old samples and retries once. */
  async function recordBatch(input: BatchInput): Promise<RecordResult> {
    const at = now();
    const batch = prepareBatch(input, at);
    try {
      return await run((db) => writeBatch(db, batch, at));
    } catch (err) {
      if (!m.isQuotaError(err)) throw err;
    }
    // Firefox may keep a connection read-only after a quota error: reopen before anything else.
    let db = await handle.reopen();
    const keep = new Set(batch.session ? [batch.session.id] : []);
    const pruned = await m.pruneOldestSamples(db, { fraction: QUOTA_PRUNE_FRACTION, now: at, keep });
    const status = (state: 'pruned' | 'full', message: string) =>
      ({
        key: 'quota',
        state,
        lastPrunedAt: at,
        prunedSamples: pruned.prunedSamples,
        prunedSessions: pruned.sessions,
        message,
      }) as const;
    try {
      const message = `Storage was full: removed the raw samples of the ${pruned.sessions} oldest session(s) (${pruned.prunedSamples} samples). Summaries and stalls are kept.`;
      return { ...(await writeBatch(db, batch, at, status('pruned', message))), pruned };
    } catch (err) {
      if (!m.isQuotaError(err)) throw err;
      db = await handle.reopen();
      const message = 'Storage is full: new playback could not be saved even after removing old raw samples.';
      // Best effort: with the disk this full even the status may not fit; the caller still gets the error.
      await m.setQuotaStatus(db, status('full', message)).catch(() => undefined);
      throw new StorageFullError(message);
    }
  }

  return {
    recordBatch,
    listSessions: (opts: q.ListOptions = {}) => run((db) => q.listSessions(db, opts, now())),
    getSession: (id: string) => run((db) => q.getSession(db, id, now())),
    dailyByService: (opts: { from: number; to: number; tzOffsetMin: number }) =>
      run((db) => q.dailyByService(db, opts, now())),
    liveSessionOfTab: (tabId: number) => run((db) => q.liveSessionOfTab(db, tabId, now())),
    /** Retention: pass the user's setting (default DEFAULT_SAMPLE_RETENTION_DAYS) as olderThanMs. */
    pruneSamples: (opts: { olderThanMs: number; now: number }) => run((db) => m.pruneSamples(db, opts)),
    storageStatus: () => run((db) => m.storageStatus(db)),
    clearStorageStatus: () => run((db) => m.clearStorageStatus(db)),
    quarantineSummary: () => run((db) => summarizeQuarantine(db)),
    deleteSession: (id: string) => run((db) => m.deleteSession(db, id)),
    deleteHost: (host: string) => run((db) => m.deleteHost(db, host)),
    deleteAll: () => run((db) => m.deleteAll(db)),
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
  deleteSession,
  deleteHost,
  deleteAll,
} = historyStore;
