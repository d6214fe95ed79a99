/**
 * Retention, quota recovery and deletion. Only raw samples ever age out or get pruned for space;
 * session summaries and events (stalls, media requests) stay until the user deletes them. Sessions whose
 * samples were removed carry `rawPrunedAt`, so a report can say the raw trace is gone rather than empty.
 */
import { readChunk, SAMPLE_CHUNKS, toRow } from './chunks';
import { sessionStoresOf } from './previous-version';
import { ChunkRow, QuotaStatus, StoredSession } from './rows';
import { errorName, sessionRange, type WitnessDb } from './schema';

export interface PruneResult {
  prunedSamples: number;
  sessions: number;
}

/**
 * Walks sample chunks oldest-first (t index: a chunk's first wall time). Retention (`cutoff`): a chunk
 * wholly older goes, a chunk straddling the cutoff is rewritten with its newer samples only (under its new
 * first seq). Space (`target` chunks): every chunk of the oldest sessions goes, session by session, until
 * `target` chunks are gone. A chunk that does not decode is left for the read path to quarantine.
 */
async function pruneWalk(
  db: WitnessDb,
  opts: { cutoff?: number; target?: number; keep?: ReadonlySet<string>; now: number },
): Promise<PruneResult> {
  const tx = db.transaction(['sampleChunks', 'sessions'], 'readwrite');
  const chunks = tx.objectStore('sampleChunks');
  const { cutoff, target } = opts;
  const range = cutoff === undefined ? null : IDBKeyRange.upperBound(cutoff, true);
  const touched = new Set<string>();
  let samples = 0;
  let removed = 0;
  let cursor = await chunks.index('t').openCursor(range);
  while (cursor && (target === undefined || removed < target)) {
    const sid = cursor.primaryKey[0];
    if (opts.keep?.has(sid) || (cutoff === undefined && touched.has(sid))) {
      cursor = await cursor.continue();
      continue;
    }
    if (cutoff === undefined) {
      const rows = await chunks.getAll(sessionRange(sid));
      for (const r of rows) {
        const p = ChunkRow.safeParse(r);
        samples += p.success ? p.data.n : 0;
      }
      removed += rows.length;
      await chunks.delete(sessionRange(sid));
      touched.add(sid);
    } else {
      const r = readChunk(SAMPLE_CHUNKS, cursor.value);
      if (r.ok) {
        const { row, items } = r.chunk;
        const newer = items.filter((s) => s.t >= cutoff);
        await chunks.delete(cursor.primaryKey);
        // The rewritten chunk starts at or after the cutoff: this walk does not meet it again.
        if (newer.length > 0) await chunks.put(toRow(SAMPLE_CHUNKS, row.sid, newer));
        samples += row.n - newer.length;
        removed++;
        touched.add(sid);
      }
    }
    cursor = await cursor.continue();
  }
  for (const sid of touched) {
    const row = StoredSession.safeParse(await tx.objectStore('sessions').get(sid));
    // A row that fails validation is left for the read path to quarantine, never rewritten here.
    if (row.success) await tx.objectStore('sessions').put({ ...row.data, rawPrunedAt: opts.now });
  }
  await tx.done;
  return { prunedSamples: samples, sessions: touched.size };
}

/** Retention: removes raw samples older than `olderThanMs` before `now` (the caller reads settings). */
export function pruneSamples(
  db: WitnessDb,
  opts: { olderThanMs: number; now: number },
): Promise<PruneResult> {
  return pruneWalk(db, { cutoff: opts.now - opts.olderThanMs, now: opts.now });
}

/**
 * Space recovery: removes the raw samples of the oldest sessions until `fraction` of all sample chunks
 * (so, roughly, of all samples) are gone.
 */
export async function pruneOldestSamples(
  db: WitnessDb,
  opts: { fraction: number; now: number; keep?: ReadonlySet<string> },
): Promise<PruneResult> {
  const total = await db.count('sampleChunks');
  const target = Math.max(1, Math.ceil(total * opts.fraction));
  return pruneWalk(db, { target, keep: opts.keep, now: opts.now });
}

export const isQuotaError = (err: unknown): boolean => errorName(err) === 'QuotaExceededError';

/** What the popup shows about storage trouble; null when there has been none (or it was dismissed). */
export async function storageStatus(db: WitnessDb): Promise<QuotaStatus | null> {
  const row = QuotaStatus.safeParse(await db.get('meta', 'quota'));
  return row.success && !row.data.dismissed ? row.data : null;
}

/** One session with its samples and events. Resolves true when the session existed. */
export async function deleteSession(db: WitnessDb, id: string): Promise<boolean> {
  // The stores of this connection's version: a history whose upgrade waits can still be deleted from.
  const stores = sessionStoresOf(db);
  const tx = db.transaction(stores, 'readwrite');
  const existed = (await tx.objectStore('sessions').getKey(id)) !== undefined;
  await Promise.all([
    tx.objectStore('sessions').delete(id),
    ...stores.slice(1).map((s) => tx.objectStore(s).delete(sessionRange(id))),
    tx.done,
  ]);
  return existed;
}

/** Every session whose page was on `host`, with their samples and events. Resolves the session count. */
export async function deleteHost(db: WitnessDb, host: string): Promise<number> {
  const stores = sessionStoresOf(db);
  const tx = db.transaction(stores, 'readwrite');
  const ids = await tx.objectStore('sessions').index('pageHost').getAllKeys(host);
  const ops = ids.flatMap((id) => [
    tx.objectStore('sessions').delete(id),
    ...stores.slice(1).map((s) => tx.objectStore(s).delete(sessionRange(id))),
  ]);
  await Promise.all([...ops, tx.done]);
  return ids.length;
}

/** Everything, including quarantined copies and status: what the user asked for. */
export async function deleteAll(db: WitnessDb): Promise<void> {
  const stores = [...sessionStoresOf(db), 'quarantine', 'meta'] as const;
  const tx = db.transaction([...stores], 'readwrite');
  await Promise.all([...stores.map((s) => tx.objectStore(s).clear()), tx.done]);
}
