/**
 * The history database: one openDB, cumulative `if (oldVersion < N)` steps, never a reset.
 * A connection is only a cache: it is dropped when another context needs a newer version (blocking)
 * or the browser kills it (terminated), and reopened lazily, so a restarted worker loses nothing.
 */
import { type DBSchema, type IDBPDatabase, type IDBPTransaction, openDB, type StoreNames, unwrap } from 'idb';
import type { PlaybackEvent } from '../schema/playback';
import { chunkV3Records } from './migrate-v4';
import type { ChunkRow, MetaRow, QuarantineRow, StoredSession } from './rows';

export const DB_NAME = 'streamwitness-history';
export const DB_VERSION = 4;

export type SeqKey = [sid: string, seq: number];

export interface WitnessDB extends DBSchema {
  sessions: {
    key: string;
    value: StoredSession;
    indexes: {
      startedAt: number;
      service: string;
      pageHost: string;
      tabId: number;
      /** v3: filtered paging newest-first without scanning other services or hosts. */
      serviceStartedAt: [string, number];
      hostStartedAt: [string, number];
    };
  };
  /** v4: samples in chunks of consecutive seqs (see chunks.ts); `t` is the chunk's first wall time. */
  sampleChunks: { key: SeqKey; value: ChunkRow; indexes: { t: number } };
  /** v4: media-request events in chunks, keyed by event seq; every other event stays a row in `events`. */
  requestChunks: { key: SeqKey; value: ChunkRow };
  events: { key: SeqKey; value: PlaybackEvent; indexes: { kind: string } };
  quarantine: { key: number; value: QuarantineRow; indexes: { fp: string } };
  meta: { key: string; value: MetaRow };
}

export type WitnessDb = IDBPDatabase<WitnessDB>;
export type Store = StoreNames<WitnessDB>;
export type WitnessTx<S extends Store[], M extends IDBTransactionMode> = IDBPTransaction<WitnessDB, S, M>;

/** Every key of one session in a chunk store or events: [sid, 0] .. [sid, +∞]. */
export const sessionRange = (sid: string) => IDBKeyRange.bound([sid, 0], [sid, Number.POSITIVE_INFINITY]);

export type UpgradeTx = IDBPTransaction<WitnessDB, Store[], 'versionchange'>;

/**
 * Runs inside the versionchange transaction. Steps that move data start IDB-only async work on `tx`;
 * should that work fail, it aborts `tx`, so the open fails and the previous version stays as it was.
 */
export function upgradeWitnessDb(db: WitnessDb, oldVersion: number, tx: UpgradeTx, now: number): void {
  const raw = unwrapUpgrade(db, tx);
  // Every store and index of the current version, created where missing. The version steps below
  // only move data (v1-v3 kept a row per sample in `samples`; v4 chunks them and deletes that store); the shape is ensured first, so a database left at some version without its stores
  // (another context opened the name without a version first, or a half-written profile) is repaired
  // instead of failing every open.
  const sessions = raw.store('sessions', { keyPath: 'id' });
  for (const name of ['startedAt', 'service', 'pageHost', 'tabId'] as const) raw.index(sessions, name, name);
  raw.index(sessions, 'serviceStartedAt', ['service', 'startedAt']);
  raw.index(sessions, 'hostStartedAt', ['pageHost', 'startedAt']);
  raw.index(raw.store('events', { keyPath: ['sid', 'seq'] }), 'kind', 'kind');
  raw.index(raw.store('quarantine', { keyPath: 'id', autoIncrement: true }), 'fp', 'fp');
  raw.store('meta', { keyPath: 'key' });
  raw.index(raw.store('sampleChunks', { keyPath: ['sid', 'seq'] }), 't', 't');
  raw.store('requestChunks', { keyPath: ['sid', 'seq'] });
  if (oldVersion < 4) {
    void chunkV3Records(db, tx, now).catch((err: unknown) => {
      console.error('[history] v4 upgrade failed; history stays at v3', err);
      // The open rejects with the abort; nobody else waits on this transaction.
      void tx.done.catch(() => undefined);
      try {
        tx.abort();
      } catch {
        // Already aborted.
      }
    });
  }
}

/** Create-if-missing helpers over the raw IDB objects of the versionchange transaction. */
function unwrapUpgrade(db: WitnessDb, tx: UpgradeTx) {
  const rawDb = unwrap(db) as IDBDatabase;
  const rawTx = unwrap(tx) as IDBTransaction;
  return {
    store(name: string, options: IDBObjectStoreParameters): IDBObjectStore {
      return rawDb.objectStoreNames.contains(name)
        ? rawTx.objectStore(name)
        : rawDb.createObjectStore(name, options);
    },
    index(store: IDBObjectStore, name: string, keyPath: string | string[]): void {
      if (!store.indexNames.contains(name)) store.createIndex(name, keyPath);
    },
  };
}

/** A lazily (re)opened connection. `get()` never hands out a connection it knows is closed. */
export interface DbHandle {
  readonly name: string;
  get(): Promise<WitnessDb>;
  /** Close and reopen: Firefox may keep a connection read-only after QuotaExceededError. */
  reopen(): Promise<WitnessDb>;
  /** Space was freed: an upgrade left waiting is tried on the next call. */
  retryUpgradeSoon(): void;
  close(): void;
}

/** After an upgrade that could not finish, how long the previous version is used before it is tried again. */
export const UPGRADE_RETRY_MS = 5 * 60_000;

/**
 * A connection at an older version, left there because the upgrade to DB_VERSION failed (rolled back,
 * e.g. out of quota). Reads work on its stores; writes wait for the upgrade (see isPending).
 */
export const isPreviousVersion = (db: WitnessDb): boolean => !db.objectStoreNames.contains('sampleChunks');

export function createDbHandle(name: string = DB_NAME, now: () => number = Date.now): DbHandle {
  let pending: Promise<WitnessDb> | null = null;
  let current: WitnessDb | null = null;
  /** Set while the previous version is in use: when to try the upgrade again. */
  let retryUpgradeAt: number | null = null;

  const drop = (db: WitnessDb | null) => {
    if (db && current !== db) return; // a stale callback from a connection already replaced
    current = null;
    pending = null;
  };

  const open = (): Promise<WitnessDb> => {
    let self: WitnessDb | null = null;
    let upgrading = false;
    const p = openDB<WitnessDB>(name, DB_VERSION, {
      upgrade: (db, oldVersion, _newVersion, tx) => {
        upgrading = oldVersion > 0;
        upgradeWitnessDb(db, oldVersion, tx, now());
      },
      blocked: (currentVersion) => {
        // An older connection elsewhere has not closed yet; the open continues once it does.
        console.warn(`[history] open v${DB_VERSION} waits for a v${currentVersion} connection to close`);
      },
      blocking: () => {
        // A newer version (or a delete) waits on us: step aside; the next call reopens.
        self?.close();
        drop(self);
      },
      terminated: () => drop(self),
    })
      .then(
        (db) => {
          retryUpgradeAt = null;
          return db;
        },
        async (err: unknown) => {
          if (!upgrading) throw err;
          // The upgrade was rolled back: the history is still whole at its previous version. Use that
          // (without upgrading) rather than fail every open, and try the upgrade again later.
          console.warn('[history] upgrade could not finish; using the previous version for now', err);
          const previous = await openDB<WitnessDB>(name, undefined, {
            blocking: () => {
              self?.close();
              drop(self);
            },
            terminated: () => drop(self),
          });
          retryUpgradeAt = now() + UPGRADE_RETRY_MS;
          return previous;
        },
      )
      .then((db) => {
        self = db;
        current = db;
        return db;
      });
    pending = p;
    // A failed open is not cached: the next call tries again.
    void p.catch(() => {
      if (pending === p) pending = null;
    });
    return p;
  };

  return {
    name,
    get: () => {
      if (retryUpgradeAt !== null && now() >= retryUpgradeAt && current) {
        retryUpgradeAt = null;
        current.close();
        drop(current);
      }
      return pending ?? open();
    },
    retryUpgradeSoon: () => {
      if (retryUpgradeAt !== null) retryUpgradeAt = now();
    },
    reopen: async () => {
      const db = current ?? (await pending?.catch(() => null)) ?? null;
      db?.close();
      drop(db);
      return open();
    },
    close: () => {
      current?.close();
      drop(current);
    },
  };
}

/** The DOMException name of an error, whatever realm or library threw it. */
export const errorName = (err: unknown): string | undefined =>
  typeof err === 'object' && err !== null && 'name' in err && typeof err.name === 'string'
    ? err.name
    : undefined;

/** Runs `fn`, once more on a fresh connection if this one was closed under it (blocking/terminated). */
export async function withDb<T>(handle: DbHandle, fn: (db: WitnessDb) => Promise<T>): Promise<T> {
  const db = await handle.get();
  try {
    return await fn(db);
  } catch (err) {
    if (errorName(err) !== 'InvalidStateError') throw err;
    const fresh = await handle.get();
    if (fresh === db) throw err;
    return fn(fresh);
  }
}
