/**
 * Batch writes: validated outside the transaction (prepare.ts), then one readwrite transaction per
 * batch that writes only records it has not seen (by session + seq) and folds exactly those into the
 * session's aggregates. Samples and media requests go into chunks (chunks.ts), other events stay rows.
 * Resolves only after commit, so an ack means the batch is on disk (relaxed durability).
 */
import { emptyAggregates, foldEvent, foldSample } from '../metrics/aggregate';
import { type Aggregates, PlaybackEvent } from '../schema/playback';
import {
  type BadRow,
  type Chunk,
  chunksAround,
  planChunks,
  REQUEST_CHUNKS,
  SAMPLE_CHUNKS,
  sessionChunks,
  toRow,
} from './chunks';
import type { PreparedBatch } from './prepare';
import { CHUNK_RAW_CAP_CHARS, quarantineRow } from './quarantine';
import { putQuarantine } from './quarantine-store';
import type { RequestEvent } from './request-codec';
import { type BatchSession, type QuotaStatus, StoredSession } from './rows';
import { errorName, type SeqKey, sessionRange, type WitnessDb, type WitnessTx } from './schema';

/**
 * Events (stalls, seeks, resolution changes...) kept per session; later ones are not stored, only counted
 * (`eventsDropped`). Never pruned for space, so a flood must not be able to fill the disk with them.
 */
export const MAX_EVENTS_PER_SESSION = 5000;
/** Media requests kept per session (16 h of 2 s audio and video segments). */
export const MAX_REQUESTS_PER_SESSION = 60_000;

export interface BatchResult {
  stored: { samples: number; events: number };
  duplicates: number;
  /** Records set aside as invalid (see quarantineSummary). */
  quarantined: number;
  /** Valid new events not stored because the session holds its cap. */
  dropped: number;
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
    eventsDropped: prev.eventsDropped,
    held: prev.held,
    // Once any batch says the session was real viewing, it stays real viewing.
    preview: prev.preview && next.preview,
    agg,
  });
}

type BatchTx = WitnessTx<
  ['sessions', 'sampleChunks', 'requestChunks', 'events', 'quarantine', 'meta'],
  'readwrite'
>;

const isRequest = (e: PlaybackEvent): e is RequestEvent => e.kind === 'request';

/** Aggregates refolded from what is stored, for a session whose own row failed validation. */
async function refold(tx: BatchTx, sid: string): Promise<Aggregates> {
  const range = sessionRange(sid);
  const [samples, events] = await Promise.all([
    sessionChunks(tx.objectStore('sampleChunks'), SAMPLE_CHUNKS, range),
    tx.objectStore('events').getAll(range),
  ]);
  let agg = emptyAggregates();
  for (const s of samples.items) agg = foldSample(agg, s);
  for (const e of events) {
    const p = PlaybackEvent.safeParse(e);
    if (p.success) agg = foldEvent(agg, p.data);
  }
  // Media requests fold to nothing, so their chunks need not be read.
  return agg;
}

/**
 * What the session holds, for the caps: from its row, or counted once for a row written before it was
 * kept (request chunks are counted as full, an upper bound).
 */
async function heldBy(tx: BatchTx, sid: string, prev: StoredSession | null, existed: boolean): Promise<Held> {
  if (prev?.held) return prev.held;
  if (!existed) return { events: 0, requests: 0 };
  const range = sessionRange(sid);
  const [events, chunks] = await Promise.all([
    tx.objectStore('events').count(range),
    tx.objectStore('requestChunks').count(range),
  ]);
  return { events, requests: chunks * REQUEST_CHUNKS.max };
}

type Held = NonNullable<StoredSession['held']>;

const seqSpan = (xs: readonly { seq: number }[]): [number, number] => [
  xs[0]?.seq ?? 0,
  xs.at(-1)?.seq ?? Number.POSITIVE_INFINITY,
];

const seqsOf = <T extends { seq: number }>(chunks: readonly Chunk<T>[]) =>
  new Set(chunks.flatMap((c) => c.items.map((x) => x.seq)));

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
  const tx: BatchTx = db.transaction(
    ['sessions', 'sampleChunks', 'requestChunks', 'events', 'quarantine', 'meta'],
    'readwrite',
    { durability: 'relaxed' },
  );
  const ops: Promise<unknown>[] = status ? [tx.objectStore('meta').put(status)] : [];
  const result: BatchResult = {
    stored: { samples: 0, events: 0 },
    duplicates: batch.repeats,
    quarantined: 0,
    dropped: 0,
  };
  try {
    const quarantine = tx.objectStore('quarantine');
    const meta = tx.objectStore('meta');
    for (const row of batch.bad) {
      ops.push(putQuarantine(quarantine, meta, row).then((added) => void (added && result.quarantined++)));
    }
    const session = batch.session;
    if (session) {
      const sampleChunks = tx.objectStore('sampleChunks');
      const requestChunks = tx.objectStore('requestChunks');
      const events = tx.objectStore('events');
      const sessions = tx.objectStore('sessions');
      const none = { chunks: [], bad: [] };
      const [prevRaw, near, nearRequests, eventHits] = await Promise.all([
        sessions.get(session.id),
        batch.samples.length
          ? chunksAround(sampleChunks, SAMPLE_CHUNKS, session.id, ...seqSpan(batch.samples))
          : none,
        batch.events.length
          ? chunksAround(requestChunks, REQUEST_CHUNKS, session.id, ...seqSpan(batch.events))
          : none,
        Promise.all(batch.events.map((e) => events.getKey([e.sid, e.seq]))),
      ]);
      // A chunk that no longer decodes is set aside as evidence; its records count as not stored.
      const setAside = (
        source: 'samples' | 'events',
        bad: BadRow[],
        remove: (key: SeqKey) => Promise<void>,
      ) => {
        for (const b of bad) {
          const row = quarantineRow(source, b.raw, b.reason, now, b.key, CHUNK_RAW_CAP_CHARS);
          ops.push(putQuarantine(quarantine, meta, row), remove(b.key as SeqKey));
        }
      };
      setAside('samples', near.bad, (k) => sampleChunks.delete(k));
      setAside('events', nearRequests.bad, (k) => requestChunks.delete(k));

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
            putQuarantine(
              quarantine,
              meta,
              quarantineRow('sessions', prevRaw, parsed.error, now, session.id),
            ),
          );
          agg = await refold(tx, session.id);
        }
      }

      const storedSamples = seqsOf(near.chunks);
      const freshSamples = batch.samples.filter((s) => !storedSamples.has(s.seq));
      for (const s of freshSamples) agg = foldSample(agg, s);
      for (const items of planChunks(near.chunks, freshSamples, SAMPLE_CHUNKS.max)) {
        ops.push(sampleChunks.put(toRow(SAMPLE_CHUNKS, session.id, items)));
      }

      // One seq space for all events, whichever store holds them.
      const storedRequests = seqsOf(nearRequests.chunks);
      const unseen = batch.events.filter((e, i) => eventHits[i] === undefined && !storedRequests.has(e.seq));
      // Over the cap, new events are neither stored nor folded: the summary stays what the rows say.
      const held = unseen.length
        ? await heldBy(tx, session.id, prev, prevRaw !== undefined)
        : (prev?.held ?? null);
      let eventRoom = MAX_EVENTS_PER_SESSION - (held?.events ?? 0);
      let requestRoom = MAX_REQUESTS_PER_SESSION - (held?.requests ?? 0);
      const freshEvents = unseen.filter((e) => (isRequest(e) ? requestRoom-- > 0 : eventRoom-- > 0));
      result.dropped = unseen.length - freshEvents.length;
      const freshRequests = freshEvents.filter(isRequest);
      for (const e of freshEvents) agg = foldEvent(agg, e);
      for (const items of planChunks(nearRequests.chunks, freshRequests, REQUEST_CHUNKS.max)) {
        ops.push(requestChunks.put(toRow(REQUEST_CHUNKS, session.id, items)));
      }
      for (const e of freshEvents) if (!isRequest(e)) ops.push(events.put(e));

      result.stored = { samples: freshSamples.length, events: freshEvents.length };
      result.duplicates += batch.samples.length - freshSamples.length + batch.events.length - unseen.length;
      const merged = mergeSession(prev, session, agg);
      if (result.dropped > 0) merged.eventsDropped = (merged.eventsDropped ?? 0) + result.dropped;
      if (held) {
        const requests = freshRequests.length;
        merged.held = {
          events: held.events + freshEvents.length - requests,
          requests: held.requests + requests,
        };
      }
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
