/**
 * Retention, quota recovery and deletion. Only raw samples ever age out or get pruned for space;
 * session summaries and events (stalls) stay until the user deletes them. Sessions whose samples
 * were removed carry `rawPrunedAt`, so a report can say the raw trace is gone rather than empty.
 */
import { QuotaStatus, StoredSession } from './rows';
import { errorName, sessionRange, type WitnessDb, type WitnessTx } from './schema';

export interface PruneResult {
  prunedSamples: number;
  sessions: number;
}

type PruneTx = WitnessTx<['samples', 'sessions'], 'readwrite'>;

async function sessionRow(tx: PruneTx, sid: string): Promise<StoredSession | null> {
  const row = StoredSession.safeParse(await tx.objectStore('sessions').get(sid));
  return row.success ? row.data : null;
}

/**
 * Walks samples oldest-first (t index). A session wholly older than `cutoff` (or any session, in
 * target mode) loses its samples with one range delete; a session straddling the cutoff loses only
 * its older samples. Stops once `target` samples are gone.
 */
async function pruneWalk(
  db: WitnessDb,
  opts: { cutoff?: number; target?: number; keep?: ReadonlySet<string>; now: number },
): Promise<PruneResult> {
  const tx = db.transaction(['samples', 'sessions'], 'readwrite');
  const samples = tx.objectStore('samples');
  const range = opts.cutoff === undefined ? null : IDBKeyRange.upperBound(opts.cutoff, true);
  const mode = new Map<string, 'whole' | 'partial' | 'skip'>();
  // A row that fails validation (null) is left for the read path to quarantine, never rewritten here.
  const rows = new Map<string, StoredSession | null>();
  let pruned = 0;
  let cursor = await samples.index('t').openKeyCursor(range);
  while (cursor && (opts.target === undefined || pruned < opts.target)) {
    const key = cursor.primaryKey;
    const sid = key[0];
    let m = mode.get(sid);
    if (m === undefined) {
      const row = await sessionRow(tx, sid);
      rows.set(sid, row);
      if (opts.keep?.has(sid)) m = 'skip';
      else if (opts.cutoff === undefined || (row !== null && row.agg.lastT < opts.cutoff)) m = 'whole';
      else m = 'partial';
      mode.set(sid, m);
      if (m === 'whole') {
        pruned += await samples.count(sessionRange(sid));
        await samples.delete(sessionRange(sid));
      }
    }
    if (m === 'partial') {
      await samples.delete(key);
      pruned++;
    }
    cursor = await cursor.continue();
  }
  const touched = [...mode].filter(([, m]) => m !== 'skip').map(([sid]) => sid);
  for (const sid of touched) {
    const row = rows.get(sid);
    if (row) await tx.objectStore('sessions').put({ ...row, rawPrunedAt: opts.now });
  }
  await tx.done;
  return { prunedSamples: pruned, sessions: touched.length };
}

/** Retention: removes raw samples older than `olderThanMs` before `now` (the caller reads settings). */
export function pruneSamples(
  db: WitnessDb,
  opts: { olderThanMs: number; now: number },
): Promise<PruneResult> {
  return pruneWalk(db, { cutoff: opts.now - opts.olderThanMs, now: opts.now });
}

/** Space recovery: removes the oldest sessions' raw samples until `fraction` of all samples are gone. */
export async function pruneOldestSamples(
  db: WitnessDb,
  opts: { fraction: number; now: number; keep?: ReadonlySet<string> },
): Promise<PruneResult> {
  const total = await db.count('samples');
  const target = Math.max(1, Math.ceil(total * opts.fraction));
  return pruneWalk(db, { target, keep: opts.keep, now: opts.now });
}

export const isQuotaError = (err: unknown): boolean => errorName(err) === 'QuotaExceededError';

export async function setQuotaStatus(db: WitnessDb, status: QuotaStatus): Promise<void> {
  await db.put('meta', status);
}

/** What the popup shows about storage trouble; null when there has been none (or it was dismissed). */
export async function storageStatus(db: WitnessDb): Promise<QuotaStatus | null> {
  const row = QuotaStatus.safeParse(await db.get('meta', 'quota'));
  return row.success ? row.data : null;
}

export async function clearStorageStatus(db: WitnessDb): Promise<void> {
  await db.delete('meta', 'quota');
}

/** One session with its samples and events. Resolves true when the session existed. */
export async function deleteSession(db: WitnessDb, id: string): Promise<boolean> {
  const tx = db.transaction(['sessions', 'samples', 'events'], 'readwrite');
  const existed = (await tx.objectStore('sessions').getKey(id)) !== undefined;
  await Promise.all([
    tx.objectStore('sessions').delete(id),
    tx.objectStore('samples').delete(sessionRange(id)),
    tx.objectStore('events').delete(sessionRange(id)),
    tx.done,
  ]);
  return existed;
}

/** Every session whose page was on `host`, with their samples and events. Resolves the session count. */
export async function deleteHost(db: WitnessDb, host: string): Promise<number> {
  const tx = db.transaction(['sessions', 'samples', 'events'], 'readwrite');
  const ids = await tx.objectStore('sessions').index('pageHost').getAllKeys(host);
  const ops = ids.flatMap((id) => [
    tx.objectStore('sessions').delete(id),
    tx.objectStore('samples').delete(sessionRange(id)),
    tx.objectStore('events').delete(sessionRange(id)),
  ]);
  await Promise.all([...ops, tx.done]);
  return ids.length;
}

/** Everything, including quarantined copies and status: what the user asked for. */
export async function deleteAll(db: WitnessDb): Promise<void> {
  const stores = ['sessions', 'samples', 'events', 'quarantine', 'meta'] as const;
  const tx = db.transaction([...stores], 'readwrite');
  await Promise.all([...stores.map((s) => tx.objectStore(s).clear()), tx.done]);
}
