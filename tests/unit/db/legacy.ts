/**
 * Earlier schema versions, built with raw IndexedDB exactly as those versions created them (not with our
 * upgrade code), so each upgrade step is tested against the real previous shape.
 */

export function rawOpen(
  name: string,
  version: number,
  upgrade: (db: IDBDatabase, tx: IDBTransaction) => void,
): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name, version);
    req.onupgradeneeded = () => upgrade(req.result, req.transaction as IDBTransaction);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export function createV1(db: IDBDatabase): void {
  const sessions = db.createObjectStore('sessions', { keyPath: 'id' });
  for (const i of ['startedAt', 'service', 'pageHost', 'tabId']) sessions.createIndex(i, i);
  db.createObjectStore('samples', { keyPath: ['sid', 'seq'] }).createIndex('t', 't');
  db.createObjectStore('events', { keyPath: ['sid', 'seq'] }).createIndex('kind', 'kind');
}

export function createV2(db: IDBDatabase): void {
  createV1(db);
  db.createObjectStore('quarantine', { keyPath: 'id', autoIncrement: true }).createIndex('fp', 'fp');
  db.createObjectStore('meta', { keyPath: 'key' });
}

export async function seed(db: IDBDatabase, stores: string[], rows: [string, unknown][]): Promise<void> {
  const tx = db.transaction(stores, 'readwrite');
  for (const [store, value] of rows) tx.objectStore(store).put(value);
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
}

/** v3 = v2 plus two compound indexes, added in the upgrade transaction. */
export function rawOpenV3(name: string): Promise<IDBDatabase> {
  return rawOpen(name, 3, (db, tx) => {
    createV2(db);
    const sessions = tx.objectStore('sessions');
    sessions.createIndex('serviceStartedAt', ['service', 'startedAt']);
    sessions.createIndex('hostStartedAt', ['pageHost', 'startedAt']);
  });
}
