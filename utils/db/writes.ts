/**
 * Batch writes: validate outside the transaction, then one readwrite transaction per batch that
 * writes only records it has not seen ([sid, seq] keys) and folds exactly those into the session's
 * aggregates. Resolves only after commit, so an ack means the batch is on disk (relaxed durability).
 */
import { emptyAggregates, foldEvent, foldSample } from '../metrics/aggregate';
import { type Aggregates, PlaybackEvent, Sample } from '../schema/playback';
import { putQuarantine, quarantineRow } from './quarantine';
import { BatchSession, type QuarantineRow, type QuotaStatus, StoredSession } from './rows';
import { errorName, sessionRange, type WitnessDb, type WitnessTx } from './schema';

export interface BatchInput {
  session: BatchSession;
  samples: Sample[];
  events: PlaybackEvent[];
}

export interface BatchResult {
  stored: { samples: number; events: number };
  duplicates: number;
  /** Records set aside as invalid (see quarantineSummary). */
  quarantined: number;
}

export interface PreparedBatch {
  session: BatchSession | null;
  samples: Sample[];
  events: PlaybackEvent[];
  bad: QuarantineRow[];
  /** Repeats of a seq inside this same batch. */
  repeats: number;
}

const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Pure validation; nothing here touches the database. */
export function prepareBatch(input: BatchInput, now: number): PreparedBatch {
  const out: PreparedBatch = { session: null, samples: [], events: [], bad: [], repeats: 0 };
  const fps = new Set<string>();
  const reject = (row: QuarantineRow) => {
    if (fps.has(row.fp)) return;
    fps.add(row.fp);
    out.bad.push(row);
  };
  const session = BatchSession.safeParse(input?.session);
  if (session.success) out.session = session.data;
  else reject(quarantineRow('sessions', input?.session, session.error, now));
  const orphan = session.success ? null : 'batch session failed validation';

  for (const [kind, schema, list, into] of [
    ['samples', Sample, asArray(input?.samples), out.samples],
    ['events', PlaybackEvent, asArray(input?.events), out.events],
  ] as const) {
    const seen = new Set<number>();
    for (const raw of list) {
      const parsed = schema.safeParse(raw);
      if (!parsed.success) reject(quarantineRow(kind, raw, parsed.error, now));
      else if (orphan) reject(quarantineRow(kind, raw, orphan, now));
      else if (parsed.data.sid !== out.session?.id)
        reject(quarantineRow(kind, raw, 'sid: not the batch session', now));
      else if (seen.has(parsed.data.seq)) out.repeats++;
      else {
        seen.add(parsed.data.seq);
        (into as unknown[]).push(parsed.data);
      }
    }
  }
  return out;
}

const defined = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** Idempotent, order-free merge: earliest start, latest end, first-known codec and tab. */
export function mergeSession(prev: StoredSession | null, next: BatchSession, agg: Aggregates): StoredSession {
  if (!prev) return defined({ ...next, agg });
  const laterEnd = next.endedAt !== undefined && (prev.endedAt === undefined || next.endedAt > prev.endedAt);
  return defined({
    ...prev,
    startedAt: Math.min(prev.startedAt, next.startedAt),
    endedAt: laterEnd ? next.endedAt : prev.endedAt,
    endReason: laterEnd ? (next.endReason ?? prev.endReason) : prev.endReason,
    codec: prev.codec ?? next.codec,
    tabId: prev.tabId ?? next.tabId,
    // Once any batch says the session was real viewing, it stays real viewing.
    preview: prev.preview && next.preview,
    agg,
  });
}

type BatchTx = WitnessTx<['sessions', 'samples', 'events', 'quarantine', 'meta'], 'readwrite'>;

/** Aggregates refolded from what is stored, for a session whose own row failed validation. */
async function refold(tx: BatchTx, sid: string): Promise<Aggregates> {
  const [samples, events] = await Promise.all([
    tx.objectStore('samples').getAll(sessionRange(sid)),
    tx.objectStore('events').getAll(sessionRange(sid)),
  ]);
  let agg = emptyAggregates();
  for (const s of samples) {
    const p = Sample.safeParse(s);
    if (p.success) agg = foldSample(agg, p.data);
  }
  for (const e of events) {
    const p = PlaybackEvent.safeParse(e);
    if (p.success) agg = foldEvent(agg, p.data);
  }
  return agg;
}

/**
 * One transaction; throws (after aborting it) on any failure, so nothing is half-written.
 * `status` is stored in the same transaction: after a quota prune, "pruned" is recorded iff the batch is.
 */
export async function writeBatch(
  db: WitnessDb,
  batch: PreparedBatch,
  now: number,
  status?: QuotaStatus,
): Promise<BatchResult> {
  const tx: BatchTx = db.transaction(['sessions', 'samples', 'events', 'quarantine', 'meta'], 'readwrite', {
    durability: 'relaxed',
  });
  const ops: Promise<unknown>[] = status ? [tx.objectStore('meta').put(status)] : [];
  const result: BatchResult = {
    stored: { samples: 0, events: 0 },
    duplicates: batch.repeats,
    quarantined: 0,
  };
  try {
    const quarantine = tx.objectStore('quarantine');
    for (const row of batch.bad) {
      ops.push(putQuarantine(quarantine, row).then((added) => void (added && result.quarantined++)));
    }
    const session = batch.session;
    if (session) {
      const samples = tx.objectStore('samples');
      const events = tx.objectStore('events');
      const sessions = tx.objectStore('sessions');
      const [prevRaw, sampleHits, eventHits] = await Promise.all([
        sessions.get(session.id),
        Promise.all(batch.samples.map((s) => samples.getKey([s.sid, s.seq]))),
        Promise.all(batch.events.map((e) => events.getKey([e.sid, e.seq]))),
      ]);
      let prev: StoredSession | null = null;
      let agg: Aggregates;
      if (prevRaw === undefined) agg = emptyAggregates();
      else {
        const parsed = StoredSession.safeParse(prevRaw);
        if (parsed.success) {
          prev = parsed.data;
          agg = prev.agg;
        } else {
          // Keep the corrupt row as evidence, then rebuild the session from its raw records.
          ops.push(
            putQuarantine(quarantine, quarantineRow('sessions', prevRaw, parsed.error, now, session.id)),
          );
          agg = await refold(tx, session.id);
        }
      }
      for (const [i, s] of batch.samples.entries()) {
        if (sampleHits[i] !== undefined) {
          result.duplicates++;
          continue;
        }
        agg = foldSample(agg, s);
        ops.push(samples.put(s));
        result.stored.samples++;
      }
      for (const [i, e] of batch.events.entries()) {
        if (eventHits[i] !== undefined) {
          result.duplicates++;
          continue;
        }
        agg = foldEvent(agg, e);
        ops.push(events.put(e));
        result.stored.events++;
      }
      const merged = mergeSession(prev, session, agg);
      if (!prev || JSON.stringify(merged) !== JSON.stringify(prev)) ops.push(sessions.put(merged));
    }
    await Promise.all(ops);
    await tx.done;
    return result;
  } catch (err) {
    void Promise.allSettled(ops);
    try {
      tx.abort();
    } catch {
      // Already aborted by the browser (e.g. quota at commit): nothing was written.
    }
    // A request may fail with AbortError while the transaction's own error says why (QuotaExceededError).
    const cause: unknown = await tx.done.then(
      () => null,
      (e: unknown) => e,
    );
    throw errorName(cause) === 'QuotaExceededError' ? cause : err;
  }
}
