/**
 * v3 → v4, inside the upgrade transaction: per-sample rows become sample chunks and request events become
 * request chunks, walking both stores in key order ([sid, seq]) with cursors and awaiting nothing but
 * IndexedDB. A v3 row that fails validation is quarantined (samples) or left for the read path to
 * quarantine (events), as before; nothing is dropped. Everything else is kept as it was.
 */
import { type IDBPDatabase, type IDBPObjectStore, unwrap, wrap } from 'idb';
import { PlaybackEvent, Sample } from '../schema/playback';
import { type ChunkCodec, REQUEST_CHUNKS, SAMPLE_CHUNKS, toRow } from './chunks';
import { quarantineRow } from './quarantine';
import { putQuarantine } from './quarantine-store';
import { normalizeRequest, type RequestEvent, requestRangeIssue } from './request-codec';
import { normalizeSample, sampleRangeIssue } from './sample-codec';
import type { UpgradeTx, WitnessDb } from './schema';

/** Collects consecutive records of one session and writes a chunk per `max` (or per session). */
function chunker<T extends { sid: string; seq: number; t: number }>(
  codec: ChunkCodec<T>,
  put: (row: ReturnType<typeof toRow>) => void,
) {
  let run: T[] = [];
  const flush = () => {
    const first = run[0];
    if (first) put(toRow(codec, first.sid, run));
    run = [];
  };
  return {
    add(x: T) {
      if (run.length === codec.max || (run[0] && run[0].sid !== x.sid)) flush();
      run.push(x);
    },
    flush,
  };
}

export async function chunkV3Records(db: WitnessDb, tx: UpgradeTx, now: number): Promise<void> {
  if (!db.objectStoreNames.contains('samples' as never)) return;
  const ops: Promise<unknown>[] = [];
  try {
    await convert(db, tx, now, ops);
    await Promise.all(ops);
  } catch (err) {
    // The caller aborts the transaction; the writes already queued fail with it, on purpose.
    void Promise.allSettled(ops);
    throw err;
  }
}

/** Writes in flight before the walk waits for them: years of history must not pile up promises. */
const MAX_PENDING = 2000;

async function convert(db: WitnessDb, tx: UpgradeTx, now: number, ops: Promise<unknown>[]): Promise<void> {
  const drain = async () => {
    if (ops.length >= MAX_PENDING) await Promise.all(ops.splice(0));
  };
  const quarantine = tx.objectStore('quarantine');
  const meta = tx.objectStore('meta');
  const legacy: IDBPObjectStore<unknown, string[], string, 'versionchange'> = wrap(
    unwrap(tx).objectStore('samples'),
  ) as never;

  const samples = chunker(SAMPLE_CHUNKS, (row) => ops.push(tx.objectStore('sampleChunks').put(row)));
  for (let c = await legacy.openCursor(); c; c = await c.continue()) {
    const p = Sample.safeParse(c.value);
    const issue = p.success ? sampleRangeIssue(p.data) : p.error;
    if (p.success && issue === null) samples.add(normalizeSample(p.data));
    else
      await putQuarantine(
        quarantine,
        meta,
        quarantineRow('samples', c.value, issue ?? 'invalid', now, c.key),
      );
    await drain();
  }
  samples.flush();
  (db as unknown as IDBPDatabase).deleteObjectStore('samples');

  const requests = chunker(REQUEST_CHUNKS, (row) => ops.push(tx.objectStore('requestChunks').put(row)));
  for (let c = await tx.objectStore('events').openCursor(); c; c = await c.continue()) {
    const p = PlaybackEvent.safeParse(c.value);
    if (!p.success || p.data.kind !== 'request' || requestRangeIssue(p.data) !== null) continue;
    requests.add(normalizeRequest(p.data as RequestEvent));
    ops.push(c.delete());
    await drain();
  }
  requests.flush();
}
