/**
 * History store benchmark: `npx tsx tests/bench/store-bench.ts` (or import `runStoreBench`).
 * Runs on fake-indexeddb (in memory, single-threaded JS): absolute times understate a browser's
 * disk-backed IndexedDB for bulk writes and overstate nothing about the query shapes. Compare ratios.
 * Bytes are structured-clone sizes (v8.serialize, the format Chromium's IndexedDB stores values in) of
 * every stored value and primary key; index entries and LevelDB/SQLite overhead come on top.
 */
import 'fake-indexeddb/auto';
import { pathToFileURL } from 'node:url';
import { serialize } from 'node:v8';
import { deleteDB, openDB, unwrap } from 'idb';
import { type BatchSession, createHistoryStore, type StoredSession } from '../../utils/db';
import { REQUEST_CHUNKS, SAMPLE_CHUNKS, toRow } from '../../utils/db/chunks';
import { normalizeRequest } from '../../utils/db/request-codec';
import type { ChunkRow } from '../../utils/db/rows';
import { normalizeSample } from '../../utils/db/sample-codec';
import { createDbHandle } from '../../utils/db/schema';
import { emptyAggregates } from '../../utils/metrics/aggregate';
import { type CmcdLogState, shouldLogCmcd } from '../../utils/metrics/cmcd-log';
import { type PlaybackEvent, type Sample, SERVICES, type SessionMeta } from '../../utils/schema/playback';

/** The goal: bytes stored per hour watched. */
export const GOAL_BYTES_PER_HOUR = 150 * 1024;

export interface StoreBenchResult {
  perHour: {
    samples: number;
    requests: number;
    otherEvents: number;
    /** What one hour, sent as the content script sends it (a batch every 3 s), leaves in the store. */
    bytes: {
      sampleChunks: number;
      requestChunks: number;
      eventRows: number;
      sessionRow: number;
      total: number;
    };
    rows: { sampleChunks: number; requestChunks: number; eventRows: number };
    /** The same hour in the v3 layout (a row per sample and per event), values + keys. */
    v3Bytes: number;
    /** The same hour with one chunk per 3-second batch instead of merged chunks. */
    chunkPerBatchBytes: number;
    goalBytes: number;
    meetsGoal: boolean;
  };
  /** The same hour from a player that sends CMCD with every segment request. */
  perHourCmcd: StoreBenchResult['perHour'];
  write: {
    /** 3-sample batches with their requests, as the content script sends them. */
    batchedSamplesPerSec: number;
    batchesPerSec: number;
    /** One sample per batch (a transaction per sample). */
    perSampleTxSamplesPerSec: number;
    /** 300-sample batches: a backlog flushed after the worker was away. */
    bulkSamplesPerSec: number;
  };
  list: {
    sessions: number;
    samplesStored: number;
    samplesTarget: number;
    seedMs: number;
    newest50Ms: number;
    newest50ByServiceMs: number;
    page10Ms: number;
    daily30Ms: number;
    /** A 2-hour session: 7,200 samples, ~1,800 requests and a few dozen other events. */
    getSession2hMs: number;
    getSession2hRecords: number;
  };
  note: string;
}

const T0 = Date.UTC(2024, 0, 1);
const HOUR = 3_600_000;
const sidOf = (n: number) => `bench-${String(n).padStart(6, '0')}`;

/** Deterministic noise, so runs compare. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

function metaOf(id: string, startedAt: number, service: (typeof SERVICES)[number] = 'youtube'): SessionMeta {
  return {
    id,
    pageHost: `www.${service}.com`,
    frameHost: `www.${service}.com`,
    service,
    startedAt,
    tzOffsetMin: 60,
    delivery: 'mse',
    preview: false,
  };
}

/**
 * `seconds` of 1 Hz samples as a real player gives them: wall-clock jitter, a playhead at full double
 * precision, a buffer that drains and refills, fractional bitrate and throughput estimates, a quality
 * switch now and then, and `events` spread over the same time (requests every ~4 s, a few others).
 */
function playback(sid: string, t0: number, seconds: number, seed = 1, withEvents = true, withCmcd = false) {
  const r = rng(seed);
  const samples: Sample[] = [];
  let t = t0;
  let mt = 12.345678;
  let buf = 8;
  let height = 1080;
  for (let seq = 0; seq < seconds; seq++) {
    const dt = seq === 0 ? 0 : 1000 + Math.round((r() - 0.5) * 40);
    t += dt;
    mt += dt / 1000 + (r() - 0.5) * 0.002;
    buf = buf < 20 && seq % 4 === 0 ? buf + 4.004 : Math.max(0, buf - dt / 1000);
    if (seq % 600 === 300) height = height === 1080 ? 720 : 1080;
    const stalled = seq % 900 === 450;
    samples.push({
      sid,
      seq,
      t,
      dt,
      state: stalled ? 'stalled' : 'playing',
      mt,
      buf: buf + r() * 0.01,
      w: (height * 16) / 9,
      h: height,
      dw: 1536,
      dh: 864,
      br: height === 1080 ? 4650 + r() * 300 : 2380 + r() * 150,
      tp: r() < 0.05 ? null : 8000 + r() * 6000,
      df: r() < 0.02 ? 1 : 0,
      tf: stalled ? 0 : 30,
      rate: 1,
      hidden: false,
    });
  }
  const events: PlaybackEvent[] = [];
  if (!withEvents) return { samples, events };
  const at = (s: number) => ({ sid, seq: events.length, t: t0 + s * 1000 + r() * 1000, mt: 12 + s + r() });
  events.push({ ...at(0), kind: 'startup', durationMs: 1400 });
  for (let s = 1; s < seconds; s += 4) {
    events.push({
      ...at(s),
      kind: 'request',
      host: s % 20 === 1 ? 'rr1---sn-xyz.googlevideo.com' : 'rr3---sn-abc.googlevideo.com',
      bytes: 1_800_000 + Math.floor(r() * 900_000),
      durationMs: 180 + r() * 300,
      timed: true,
    });
    if (s % 900 === 449) {
      events.push({
        ...at(s),
        kind: 'stall',
        durationMs: 2300,
        bufferAhead: 0,
        cause: 'network',
        hidden: false,
      });
    }
    if (s % 600 === 301) {
      events.push({ ...at(s), kind: 'resolution', fromW: 1920, fromH: 1080, w: 1280, h: 720, drop: true });
    }
    if (s % 1200 === 1) events.push({ ...at(s), kind: 'seek', toMt: 600, durationMs: 350 });
    if (s % 1800 === 1) events.push({ ...at(s), kind: 'visibility', hidden: s % 3600 === 1 });
  }
  if (withCmcd) {
    // A player sending CMCD on every 2 s video and audio segment, thinned as the content script thins it.
    let state: CmcdLogState = new Map();
    for (let s = 0; s < seconds; s += 2) {
      const br = s % 1200 < 600 ? 4800 : 2500;
      const segment = (ot: 'v' | 'a', kbps: number, top: number) => ({
        br: kbps,
        bl: 8000 + Math.floor(r() * 12_000),
        mtp: 9000 + Math.floor(r() * 6000),
        tb: top,
        d: 2000,
        ot,
        sf: 'd' as const,
        st: 'v' as const,
      });
      for (const keys of [
        segment('v', br, 4800),
        { ...segment('a', 128, 128), ...(s % 900 === 450 ? { bs: true } : {}) },
      ]) {
        const t = t0 + s * 1000;
        const d = shouldLogCmcd(state, keys, t);
        state = d.state;
        if (d.log) events.push({ sid, seq: events.length, t, mt: 12 + s, kind: 'cmcd', ...keys });
      }
    }
  }
  return { samples, events };
}

interface TypedBatch {
  session: BatchSession;
  samples: Sample[];
  events: PlaybackEvent[];
}

/** What the content script sends: every 3 s, the samples and events of those 3 s. */
function asBatches(
  meta: SessionMeta,
  samples: Sample[],
  events: PlaybackEvent[],
  perBatch = 3,
): TypedBatch[] {
  const out: TypedBatch[] = [];
  let e = 0;
  for (let i = 0; i < samples.length; i += perBatch) {
    const part = samples.slice(i, i + perBatch);
    const until = samples[i + perBatch]?.t ?? Number.POSITIVE_INFINITY;
    const evs: PlaybackEvent[] = [];
    while (e < events.length && (events[e] as PlaybackEvent).t < until)
      evs.push(events[e++] as PlaybackEvent);
    out.push({ session: meta, samples: part, events: evs });
  }
  return out;
}

const clone = (x: unknown) => serialize(x).length;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function timeIt(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

async function perHour(withCmcd = false): Promise<StoreBenchResult['perHour']> {
  const name = `bench-hour-${Date.now()}`;
  const store = createHistoryStore({ name });
  const meta = metaOf(sidOf(1), T0);
  const { samples, events } = playback(meta.id, T0, 3600, 1, true, withCmcd);
  const batches = asBatches(meta, samples, events);
  for (const b of batches) await store.recordBatch(b);
  store.close();

  const db = await openDB(name);
  const measure = async (s: string) => {
    const [keys, values] = await Promise.all([db.getAllKeys(s), db.getAll(s)]);
    return {
      rows: values.length,
      bytes: keys.reduce<number>((n, k, i) => n + clone(k) + clone(values[i]), 0),
    };
  };
  const [sc, rc, ev, se] = await Promise.all(
    ['sampleChunks', 'requestChunks', 'events', 'sessions'].map((s) => measure(s)),
  );
  db.close();
  await deleteDB(name);
  const [sampleChunks, requestChunks, eventRows, sessionRow] = [sc, rc, ev, se].map((m) => m?.bytes ?? 0) as [
    number,
    number,
    number,
    number,
  ];
  const total = sampleChunks + requestChunks + eventRows + sessionRow;

  const requests = events.filter((e) => e.kind === 'request');
  const keyed = (xs: { sid: string; seq: number }[]) =>
    xs.reduce((n, x) => n + clone(x) + clone([x.sid, x.seq]), 0);
  const v3Bytes = keyed(samples) + keyed(events) + sessionRow;
  let chunkPerBatchBytes = eventRows + sessionRow;
  const rowBytes = (row: ChunkRow) => clone(row) + clone([row.sid, row.seq]);
  for (const b of batches) {
    const reqs = b.events.flatMap((e) => (e.kind === 'request' ? [normalizeRequest(e)] : []));
    chunkPerBatchBytes += rowBytes(toRow(SAMPLE_CHUNKS, meta.id, b.samples.map(normalizeSample)));
    if (reqs.length) chunkPerBatchBytes += rowBytes(toRow(REQUEST_CHUNKS, meta.id, reqs));
  }
  return {
    samples: samples.length,
    requests: requests.length,
    otherEvents: events.length - requests.length,
    bytes: { sampleChunks, requestChunks, eventRows, sessionRow, total },
    rows: { sampleChunks: sc?.rows ?? 0, requestChunks: rc?.rows ?? 0, eventRows: ev?.rows ?? 0 },
    v3Bytes,
    chunkPerBatchBytes,
    goalBytes: GOAL_BYTES_PER_HOUR,
    meetsGoal: total <= GOAL_BYTES_PER_HOUR,
  };
}

async function writeRate(
  perBatch: number,
  seconds: number,
): Promise<{ samplesPerSec: number; batchesPerSec: number }> {
  const name = `bench-write-${perBatch}-${Date.now()}`;
  const store = createHistoryStore({ name });
  const meta = metaOf(sidOf(0), T0);
  const { samples, events } = playback(meta.id, T0, seconds);
  const batches = asBatches(meta, samples, events, perBatch);
  const start = performance.now();
  for (const b of batches) await store.recordBatch(b);
  const secs = (performance.now() - start) / 1000;
  store.close();
  await deleteDB(name);
  return { samplesPerSec: samples.length / secs, batchesPerSec: batches.length / secs };
}

/** Session rows and sample chunks written directly (as the store would have, months of evenings). */
async function seedHistory(
  name: string,
  sessions: number,
  targetSamples: number,
  budgetMs: number,
  log: (s: string) => void,
) {
  const db = await createDbHandle(name).get();
  const raw = unwrap(db);
  const put = (store: string, rows: unknown[]) =>
    new Promise<void>((resolve, reject) => {
      const tx = raw.transaction(store, 'readwrite', { durability: 'relaxed' });
      for (const r of rows) tx.objectStore(store).put(r);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
  const start = performance.now();
  const perSession = Math.max(1, Math.ceil(targetSamples / sessions));
  const rows: StoredSession[] = [];
  for (let n = 0; n < sessions; n++) {
    const service = SERVICES[n % (SERVICES.length - 1)] ?? 'other';
    // About 14 sessions a day over two years.
    const startedAt = T0 + n * (HOUR * 1.7);
    rows.push({
      ...metaOf(sidOf(n), startedAt, service),
      endedAt: startedAt + perSession * 1000,
      endReason: 'ended',
      agg: {
        ...emptyAggregates(),
        samples: perSession,
        watchMs: perSession * 1000,
        playingMs: perSession * 1000,
        brSum: perSession * 1000 * 4800,
        brMs: perSession * 1000,
        lastSeq: perSession - 1,
        lastT: startedAt + perSession * 1000,
      },
    });
  }
  for (let i = 0; i < rows.length; i += 2000) await put('sessions', rows.slice(i, i + 2000));
  let stored = 0;
  let lastLog = 0;
  let pending: unknown[] = [];
  for (const row of rows) {
    const { samples } = playback(row.id, row.startedAt, perSession, stored + 1, false);
    for (let i = 0; i < samples.length; i += SAMPLE_CHUNKS.max) {
      pending.push(toRow(SAMPLE_CHUNKS, row.id, samples.slice(i, i + SAMPLE_CHUNKS.max)));
    }
    stored += samples.length;
    if (pending.length >= 200) {
      await put('sampleChunks', pending);
      pending = [];
    }
    if (stored - lastLog >= 500_000) {
      lastLog = stored;
      log(
        `  … ${stored.toLocaleString('en')} samples (${((performance.now() - start) / 1000).toFixed(1)} s)`,
      );
    }
    if (stored >= targetSamples || performance.now() - start > budgetMs) break;
  }
  if (pending.length) await put('sampleChunks', pending);
  db.close();
  return { stored, seedMs: performance.now() - start };
}

export async function runStoreBench(
  opts: { budgetMs?: number; targetSamples?: number; sessions?: number; log?: (s: string) => void } = {},
): Promise<StoreBenchResult> {
  const log = opts.log ?? (() => undefined);
  const sessions = opts.sessions ?? 10_000;
  const targetSamples = opts.targetSamples ?? 3_000_000;

  log('bytes per hour …');
  const hour = await perHour();
  const hourCmcd = await perHour(true);
  log('write throughput …');
  const batched = await writeRate(3, 1800);
  const single = await writeRate(1, 600);
  const bulk = await writeRate(300, 6000);

  log(
    `seeding ${sessions.toLocaleString('en')} sessions and ${targetSamples.toLocaleString('en')} samples …`,
  );
  const name = `bench-list-${Date.now()}`;
  const seeded = await seedHistory(name, sessions, targetSamples, opts.budgetMs ?? 180_000, log);
  const store = createHistoryStore({ name });
  const long = metaOf('bench-two-hours', T0 + sessions * HOUR * 1.7);
  const twoHours = playback(long.id, long.startedAt, 7200, 7);
  for (const b of asBatches(long, twoHours.samples, twoHours.events)) await store.recordBatch(b);

  log('queries …');
  const newest50Ms = await timeIt(20, () => store.listSessions({ limit: 50 }));
  const newest50ByServiceMs = await timeIt(20, () => store.listSessions({ limit: 50, service: 'netflix' }));
  const page10Ms = await timeIt(5, async () => {
    let page = await store.listSessions({ limit: 50 });
    for (let i = 1; i < 10 && page.next; i++)
      page = await store.listSessions({ limit: 50, before: page.next });
  });
  const last = T0 + (sessions - 1) * HOUR * 1.7;
  const daily30Ms = await timeIt(5, () =>
    store.dailyByService({ from: last - 30 * 24 * HOUR, to: last + 1, tzOffsetMin: 60 }),
  );
  const detail = await store.getSession(long.id);
  const getSession2hMs = await timeIt(10, () => store.getSession(long.id));
  store.close();
  await deleteDB(name);

  return {
    perHour: hour,
    perHourCmcd: hourCmcd,
    write: {
      batchedSamplesPerSec: batched.samplesPerSec,
      batchesPerSec: batched.batchesPerSec,
      perSampleTxSamplesPerSec: single.samplesPerSec,
      bulkSamplesPerSec: bulk.samplesPerSec,
    },
    list: {
      sessions,
      samplesStored: seeded.stored,
      samplesTarget: targetSamples,
      seedMs: seeded.seedMs,
      newest50Ms,
      newest50ByServiceMs,
      page10Ms,
      daily30Ms,
      getSession2hMs,
      getSession2hRecords: (detail?.samples.length ?? 0) + (detail?.events.length ?? 0),
    },
    note: 'fake-indexeddb is in-memory and single-threaded; bytes are v8 structured-clone sizes of values and keys, without index entries or LevelDB/SQLite overhead.',
  };
}

function printTable(r: StoreBenchResult): void {
  const f = (n: number, d = 0) =>
    n.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });
  const kb = (n: number) => `${f(n / 1024, 1)} KB`;
  const h = r.perHour;
  const rows: [string, string][] = [
    [
      'per hour: records',
      `${f(h.samples)} samples, ${f(h.requests)} requests, ${f(h.otherEvents)} other events`,
    ],
    ['per hour: sample chunks', `${kb(h.bytes.sampleChunks)} (${h.rows.sampleChunks} rows)`],
    ['per hour: request chunks', `${kb(h.bytes.requestChunks)} (${h.rows.requestChunks} rows)`],
    ['per hour: event rows', `${kb(h.bytes.eventRows)} (${h.rows.eventRows} rows)`],
    ['per hour: session row', kb(h.bytes.sessionRow)],
    [
      'per hour with CMCD (goal ≤ 150 KB)',
      `${kb(r.perHourCmcd.bytes.total)}, ${f(r.perHourCmcd.otherEvents - h.otherEvents)} CMCD events ${r.perHourCmcd.meetsGoal ? 'meets the goal' : 'MISSES the goal'}`,
    ],
    [
      'per hour: total (goal ≤ 150 KB)',
      `${kb(h.bytes.total)} ${h.meetsGoal ? 'meets the goal' : 'MISSES the goal'}`,
    ],
    ['per hour: same data, v3 layout', kb(h.v3Bytes)],
    ['per hour: same data, a chunk per batch', kb(h.chunkPerBatchBytes)],
    [
      'write: 3-s batches (3 samples + requests)',
      `${f(r.write.batchedSamplesPerSec)} samples/s (${f(r.write.batchesPerSec)} batches/s)`,
    ],
    ['write: one sample per batch', `${f(r.write.perSampleTxSamplesPerSec)} samples/s`],
    ['write: 300-sample batches', `${f(r.write.bulkSamplesPerSec)} samples/s`],
    [
      'history: sessions / samples stored',
      `${f(r.list.sessions)} / ${f(r.list.samplesStored)} (target ${f(r.list.samplesTarget)})`,
    ],
    ['history: seed time', `${f(r.list.seedMs / 1000, 1)} s`],
    ['list newest 50', `${f(r.list.newest50Ms, 2)} ms`],
    ['list newest 50, one service', `${f(r.list.newest50ByServiceMs, 2)} ms`],
    ['list pages 1–10 (500 sessions)', `${f(r.list.page10Ms, 2)} ms`],
    ['dailyByService, 30 days', `${f(r.list.daily30Ms, 2)} ms`],
    [
      'getSession, 2-hour session',
      `${f(r.list.getSession2hMs, 2)} ms (${f(r.list.getSession2hRecords)} records)`,
    ],
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);
  console.log(`note: ${r.note}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runStoreBench({ log: (s) => console.log(s) }).then(printTable, (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
