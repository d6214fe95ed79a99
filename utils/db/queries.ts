/**
 * Reads for the popup and the report. Listing walks session rows only (startedAt or a v3 compound
 * index, newest first); samples are read only for one session, decoded from its chunks. Every read is
 * read-only: a row that fails validation is left where it is and reported as a misfit beside the rest;
 * the worker's store (index.ts) moves it to quarantine after the read.
 */
import { unwrap } from 'idb';
import { emptyAggregates, mergeAggregates } from '../metrics/aggregate';
import { type Aggregates, PlaybackEvent, type Sample, type Service } from '../schema/playback';
import {
  type BadRow,
  type ChunkCodec,
  REQUEST_CHUNKS,
  readChunk,
  SAMPLE_CHUNKS,
  sessionChunks,
} from './chunks';
import { getSessionPrevious } from './previous-version';
import { type Check, type Misfit, type Read, schemaCheck } from './quarantine';
import { StoredSession } from './rows';
import { isPreviousVersion, sessionRange, type WitnessDb } from './schema';

export interface SessionCursor {
  startedAt: number;
  id: string;
}

export interface ListOptions {
  limit?: number;
  /** Continue after this row (the `next` of the previous page). */
  before?: SessionCursor;
  service?: Service;
  host?: string;
  /** startedAt ≥ from */
  from?: number;
  /** startedAt < to */
  to?: number;
}

export interface SessionPage {
  sessions: StoredSession[];
  /** Pass as `before` for the next page; absent on the last page. */
  next?: SessionCursor;
}

const MAX_LIMIT = 500;

function keyRange(prefix: string | null, lo: number, hi: number, hiOpen: boolean): IDBKeyRange {
  return prefix === null
    ? IDBKeyRange.bound(lo, hi, false, hiOpen)
    : IDBKeyRange.bound([prefix, lo], [prefix, hi], false, hiOpen);
}

interface Schema<T> {
  safeParse(
    v: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
}

/** The rows that parse, and the keys of those that do not (as a misfit of `store`). */
function validRows<T>(
  store: 'sessions' | 'events',
  rows: { key: IDBValidKey; value: unknown }[],
  schema: Schema<T>,
): { good: T[]; misfit: Misfit } {
  const good: T[] = [];
  const bad: IDBValidKey[] = [];
  for (const r of rows) {
    const p = schema.safeParse(r.value);
    if (p.success) good.push(p.data);
    else bad.push(r.key);
  }
  return { good, misfit: { store, keys: bad, check: schemaCheck(schema) } };
}

const chunkCheck =
  <T extends { seq: number; t: number }>(codec: ChunkCodec<T>): Check =>
  (raw) => {
    const r = readChunk(codec, raw);
    return r.ok ? null : r.reason;
  };

const keysOf = (bad: BadRow[]) => bad.map((b) => b.key);

interface IndexRecord {
  primaryKey: IDBValidKey;
  value: StoredSession;
}
type GetAllRecords = (options: {
  query: IDBKeyRange;
  count: number;
  direction: IDBCursorDirection;
}) => IDBRequest<IndexRecord[]>;

/**
 * The newest `count` records of `range` in one request, where the browser has getAllRecords (Chrome
 * 141+); null elsewhere (Firefox). A cursor fetches the popup's first page in ~7 round trips to the
 * browser's database process, each slower while the popup itself is loading.
 */
function newestRecords(index: IDBIndex, range: IDBKeyRange, count: number): Promise<IndexRecord[]> | null {
  const { getAllRecords } = index as IDBIndex & { getAllRecords?: GetAllRecords };
  if (typeof getAllRecords !== 'function') return null;
  const req = getAllRecords.call(index, { query: range, count, direction: 'prev' });
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export async function listSessions(db: WitnessDb, opts: ListOptions): Promise<Read<SessionPage>> {
  const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(opts.limit ?? 50)));
  const { before, service, host } = opts;
  const lo = opts.from ?? Number.NEGATIVE_INFINITY;
  // The tighter of `to` (exclusive) and the cursor (inclusive, then skip the ids already shown).
  const useBefore = before !== undefined && (opts.to === undefined || before.startedAt < opts.to);
  const hi = useBefore ? before.startedAt : (opts.to ?? Number.POSITIVE_INFINITY);
  const hiOpen = !useBefore && opts.to !== undefined;
  if (hi < lo) return { value: { sessions: [] }, misfits: [] };

  const tx = db.transaction('sessions', 'readonly');
  const store = tx.store;
  const [index, range] = host
    ? ([store.index('hostStartedAt'), keyRange(host, lo, hi, hiOpen)] as const)
    : service
      ? ([store.index('serviceStartedAt'), keyRange(service, lo, hi, hiOpen)] as const)
      : ([store.index('startedAt'), IDBKeyRange.bound(lo, hi, false, hiOpen)] as const);

  const page: StoredSession[] = [];
  const bad: IDBValidKey[] = [];
  let more = false;
  /** One row, newest first; false once the page is full and a further row shows there is a next. */
  const take = (id: IDBValidKey, value: StoredSession): boolean => {
    // Equal startedAt come in descending id order under 'prev': skip up to and including the cursor.
    if (useBefore && before && value.startedAt === before.startedAt && id >= before.id) return true;
    const row = StoredSession.safeParse(value);
    if (!row.success) {
      bad.push(id);
      return true;
    }
    if (service && row.data.service !== service) return true;
    if (page.length === limit) {
      more = true;
      return false;
    }
    page.push(row.data);
    return true;
  };

  // The page, the row after it, and room for the cursor row(s) a next page skips.
  const want = limit + 1 + (useBefore ? 4 : 0);
  const records = await newestRecords(unwrap(index), range, want);
  const settled =
    records !== null && (!records.every((r) => take(r.primaryKey, r.value)) || records.length < want);
  if (!settled) {
    // No getAllRecords, or bad or skipped rows used up the batch: walk a cursor from the start.
    page.length = 0;
    bad.length = 0;
    more = false;
    for (let c = await index.openCursor(range, 'prev'); c; c = await c.continue()) {
      if (!take(c.primaryKey, c.value)) break;
    }
  }
  await tx.done;
  const last = page.at(-1);
  return {
    value: { sessions: page, ...(more && last ? { next: { startedAt: last.startedAt, id: last.id } } : {}) },
    misfits: [{ store: 'sessions', keys: bad, check: schemaCheck(StoredSession) }],
  };
}

export interface SessionDetail {
  session: StoredSession;
  samples: Sample[];
  events: PlaybackEvent[];
}

/** One session with its raw samples and events (in seq order); null when absent or quarantined. */
export async function getSession(db: WitnessDb, id: string): Promise<Read<SessionDetail | null>> {
  // An older version's rows are read as they are and never moved: the upgrade deals with them.
  if (isPreviousVersion(db)) return { value: await getSessionPrevious(db, id), misfits: [] };
  const tx = db.transaction(['sessions', 'sampleChunks', 'requestChunks', 'events'], 'readonly');
  const range = sessionRange(id);
  const [row, samples, requests, eventKeys, events] = await Promise.all([
    tx.objectStore('sessions').get(id),
    sessionChunks(tx.objectStore('sampleChunks'), SAMPLE_CHUNKS, range),
    sessionChunks(tx.objectStore('requestChunks'), REQUEST_CHUNKS, range),
    tx.objectStore('events').getAllKeys(range),
    tx.objectStore('events').getAll(range),
  ]);
  await tx.done;
  if (row === undefined) return { value: null, misfits: [] };
  const head = validRows('sessions', [{ key: id, value: row }], StoredSession);
  const [session] = head.good;
  // A session row that fails is the misfit; its samples and events stay until it is dealt with.
  if (!session) return { value: null, misfits: [head.misfit] };
  const rows = eventKeys.map((key, i) => ({ key, value: events[i] }));
  const others = validRows('events', rows, PlaybackEvent);
  return {
    value: {
      session,
      samples: samples.items,
      events: [...others.good, ...requests.items].sort((a, b) => a.seq - b.seq),
    },
    misfits: [
      { store: 'sampleChunks', keys: keysOf(samples.bad), check: chunkCheck(SAMPLE_CHUNKS) },
      { store: 'requestChunks', keys: keysOf(requests.bad), check: chunkCheck(REQUEST_CHUNKS) },
      others.misfit,
    ],
  };
}

export interface DailyRow {
  /** Local calendar day of the session start, YYYY-MM-DD, at the given offset. */
  day: string;
  service: Service;
  sessions: number;
  /** Sessions that had a startup time; `agg.startupMs` is their sum. */
  startups: number;
  agg: Aggregates;
}

/**
 * Per day and service totals, from session rows only. A session counts whole on the day it started.
 * `tzOffsetMin` is minutes east of UTC (as in SessionMeta).
 */
export async function dailyByService(
  db: WitnessDb,
  opts: { from: number; to: number; tzOffsetMin: number },
): Promise<Read<DailyRow[]>> {
  if (!(opts.to > opts.from)) return { value: [], misfits: [] };
  const range = IDBKeyRange.bound(opts.from, opts.to, false, true);
  const tx = db.transaction('sessions', 'readonly');
  const index = tx.store.index('startedAt');
  const [keys, values] = await Promise.all([index.getAllKeys(range), index.getAll(range)]);
  await tx.done;
  const { good: rows, misfit } = validRows(
    'sessions',
    keys.map((key, i) => ({ key, value: values[i] })),
    StoredSession,
  );
  const byKey = new Map<string, DailyRow>();
  for (const s of rows) {
    const day = new Date(s.startedAt + opts.tzOffsetMin * 60_000).toISOString().slice(0, 10);
    const k = `${day}\n${s.service}`;
    const cur = byKey.get(k) ?? { day, service: s.service, sessions: 0, startups: 0, agg: emptyAggregates() };
    byKey.set(k, {
      ...cur,
      sessions: cur.sessions + 1,
      startups: cur.startups + (s.agg.startupMs === null ? 0 : 1),
      agg: mergeAggregates(cur.agg, s.agg),
    });
  }
  const days = [...byKey.values()].sort(
    (a, b) => a.day.localeCompare(b.day) || a.service.localeCompare(b.service),
  );
  return { value: days, misfits: [misfit] };
}

/** The newest session of a tab that has not ended; null when none. */
export async function liveSessionOfTab(db: WitnessDb, tabId: number): Promise<Read<StoredSession | null>> {
  const tx = db.transaction('sessions', 'readonly');
  const index = tx.store.index('tabId');
  const [keys, values] = await Promise.all([index.getAllKeys(tabId), index.getAll(tabId)]);
  await tx.done;
  const { good: rows, misfit } = validRows(
    'sessions',
    keys.map((key, i) => ({ key, value: values[i] })),
    StoredSession,
  );
  const open = rows.filter((s) => s.endedAt === undefined);
  open.sort((a, b) => b.startedAt - a.startedAt || (a.id < b.id ? 1 : -1));
  return { value: open[0] ?? null, misfits: [misfit] };
}
