/**
 * Reading a history left at its previous version (v3: a row per sample in `samples`, media requests as
 * rows in `events`) while the upgrade to chunks waits for space. Read-only: nothing is quarantined or
 * rewritten here; the upgrade does that when it runs.
 */
import { unwrap } from 'idb';
import { PlaybackEvent, Sample } from '../schema/playback';
import { StoredSession } from './rows';
import { sessionRange, type WitnessDb } from './schema';

export class UpgradePendingError extends Error {
  override name = 'UpgradePendingError';
}

export const UPGRADE_PENDING_MESSAGE =
  'History upgrade pending (it could not finish, likely for lack of space): not saved yet, it will be resent.';

const request = <T>(r: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });

/** One session as getSession returns it, from the previous version's stores. */
export async function getSessionPrevious(db: WitnessDb, id: string) {
  const raw = unwrap(db) as IDBDatabase;
  const stores = ['sessions', 'samples', 'events'].filter((s) => raw.objectStoreNames.contains(s));
  const tx = raw.transaction(stores, 'readonly');
  const range = sessionRange(id);
  const has = (s: string) => stores.includes(s);
  const [row, samples, events] = await Promise.all([
    request(tx.objectStore('sessions').get(id)),
    has('samples') ? request(tx.objectStore('samples').getAll(range)) : [],
    has('events') ? request(tx.objectStore('events').getAll(range)) : [],
  ]);
  const session = StoredSession.safeParse(row);
  if (!session.success) return null;
  const valid = <T>(schema: { safeParse(v: unknown): { success: boolean; data?: T } }, rows: unknown[]) =>
    rows.flatMap((r) => {
      const p = schema.safeParse(r);
      return p.success && p.data !== undefined ? [p.data] : [];
    });
  return {
    session: session.data,
    samples: valid<Sample>(Sample, samples),
    events: valid<PlaybackEvent>(PlaybackEvent, events),
  };
}

/** The stores that hold a session's rows in this connection's version. */
export const sessionStoresOf = (
  db: WitnessDb,
): ('sessions' | 'sampleChunks' | 'requestChunks' | 'events')[] =>
  (['sessions', 'sampleChunks', 'requestChunks', 'events', 'samples'] as const).filter((s) =>
    db.objectStoreNames.contains(s as never),
  ) as never;
