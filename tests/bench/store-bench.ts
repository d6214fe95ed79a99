/**
 * History store benchmark: `npx tsx tests/bench/store-bench.ts`.
 * Runs on fake-indexeddb (in memory, single-threaded JS): absolute numbers understate a browser's
 * disk-backed IndexedDB for bulk writes and overstate nothing about the query shapes. Compare ratios.
 */
import 'fake-indexeddb/auto';
import { pathToFileURL } from 'node:url';
import { serialize } from 'node:v8';
import { deleteDB, unwrap } from 'idb';
import { createHistoryStore, type StoredSession } from '../../utils/db';
import { createDbHandle } from '../../utils/db/schema';
import { emptyAggregates } from '../../utils/metrics/aggregate';
import { type PlaybackEvent, type Sample, SERVICES } from '../../utils/schema/playback';

export interface StoreBenchResult {
  write: { batchedSamplesPerSec: number; perSampleTxSamplesPerSec: number; speedup: number };
  list: {
    sessions: number;
    samplesStored: number;
    samplesTarget: number;
    seedMs: number;
    newest50Ms: number;
    newest50ByServiceMs: number;
    page10Ms: number;
    getSession300Ms: number;
    daily30Ms: number;
  };
  perHour: {
    samples: number;
    events: number;
    jsonBytes: number;
    cloneBytes: number;
    cloneBytesNoRequests: number;
  };
  note: string;
}

const T0 = Date.UTC(2024, 0, 1);
const HOUR = 3_600_000;
const sidOf = (n: number) => `bench-${String(n).padStart(6, '0')}`;

function sample(sid: string, seq: number, t0: number): Sample {
  return {
    sid,
    seq,
    t: t0 + seq * 1000,
    dt: seq === 0 ? 0 : 1000,
    state: 'playing',
    mt: seq,
    buf: 24.5,
    w: 1920,
    h: 1080,
    dw: 1536,
    dh: 864,
    br: 4800 + (seq % 7) * 100,
    tp: 9000 + (seq % 13) * 250,
    df: seq % 50 === 0 ? 1 : 0,
    tf: 30,
    rate: 1,
    hidden: false,
  };
}

function hourOfEvents(sid: string): PlaybackEvent[] {
  const ev: PlaybackEvent[] = [];
  const at = (seq: number) => ({ sid, seq, t: T0 + seq * 4000, mt: seq * 4 });
  ev.push({ ...at(0), kind: 'startup', durationMs: 1400 });
  for (let i = 0; i < 4; i++)
    ev.push({
      ...at(ev.length),
      kind: 'stall',
      durationMs: 2300,
      bufferAhead: 0,
      cause: 'network',
      hidden: false,
    });
  for (let i = 0; i < 6; i++)
    ev.push({
      ...at(ev.length),
      kind: 'resolution',
      fromW: 1920,
      fromH: 1080,
      w: 1280,
      h: 720,
      drop: i % 2 === 0,
    });
  for (let i = 0; i < 3; i++) ev.push({ ...at(ev.length), kind: 'seek', toMt: 600 * i, durationMs: 350 });
  for (let i = 0; i < 4; i++) ev.push({ ...at(ev.length), kind: 'visibility', hidden: i % 2 === 0 });
  // One media segment request every 4 s.
  for (let i = 0; i < 900; i++)
    ev.push({
      ...at(ev.length),
      kind: 'request',
      host: 'rr3---sn-abc.googlevideo.com',
      bytes: 2_400_000,
      durationMs: 310,
      timed: true,
    });
  return ev;
}

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

async function writeThroughput(batchSize: number, total: number): Promise<number> {
  const name = `bench-write-${batchSize}-${Date.now()}`;
  const store = createHistoryStore({ name });
  const session = {
    id: sidOf(0),
    pageHost: 'www.youtube.com',
    frameHost: 'www.youtube.com',
    service: 'youtube' as const,
    startedAt: T0,
    tzOffsetMin: 60,
    delivery: 'mse' as const,
    preview: false,
    tabId: 1,
  };
  const start = performance.now();
  for (let seq = 0; seq < total; seq += batchSize) {
    const samples = Array.from({ length: Math.min(batchSize, total - seq) }, (_, i) =>
      sample(session.id, seq + i, T0),
    );
    await store.recordBatch({ session, samples, events: [] });
  }
  const rate = total / ((performance.now() - start) / 1000);
  store.close();
  await deleteDB(name);
  return rate;
}

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
  const rows: StoredSession[] = [];
  for (let n = 0; n < sessions; n++) {
    const service = SERVICES[n % (SERVICES.length - 1)] ?? 'other';
    // About 14 sessions a day over two years.
    const startedAt = T0 + n * (HOUR * 1.7);
    rows.push({
      id: sidOf(n),
      pageHost: `www.${service}.com`,
      frameHost: `www.${service}.com`,
      service,
      startedAt,
      tzOffsetMin: 60,
      delivery: 'mse',
      preview: false,
      endedAt: startedAt + 40 * 60_000,
      endReason: 'ended',
      agg: {
        ...emptyAggregates(),
        samples: 300,
        watchMs: 299_000,
        playingMs: 290_000,
        brSum: 290_000 * 4800,
        brMs: 290_000,
        lastSeq: 299,
        lastT: startedAt + 299_000,
      },
    });
  }
  for (let i = 0; i < rows.length; i += 2000) await put('sessions', rows.slice(i, i + 2000));
  const perSession = Math.max(1, Math.ceil(targetSamples / sessions));
  let stored = 0;
  let lastLog = 0;
  outer: for (let n = 0; n < sessions; n++) {
    const row = rows[n] as StoredSession;
    for (let from = 0; from < perSession; from += 300) {
      const chunk = Array.from({ length: Math.min(300, perSession - from) }, (_, i) =>
        sample(row.id, from + i, row.startedAt),
      );
      await put('samples', chunk);
      stored += chunk.length;
      if (stored >= targetSamples) break outer;
      if (performance.now() - start > budgetMs || process.memoryUsage().heapUsed > 3e9) break outer;
    }
    if (stored - lastLog >= 250_000) {
      lastLog = stored;
      log(
        `  … ${stored.toLocaleString('en')} samples (${((performance.now() - start) / 1000).toFixed(1)} s)`,
      );
    }
  }
  db.close();
  return { stored, seedMs: performance.now() - start };
}

export async function runStoreBench(
  opts: { budgetMs?: number; targetSamples?: number; sessions?: number; log?: (s: string) => void } = {},
): Promise<StoreBenchResult> {
  const log = opts.log ?? (() => undefined);
  const sessions = opts.sessions ?? 10_000;
  const targetSamples = opts.targetSamples ?? 3_000_000;

  log('write throughput …');
  const batched = await writeThroughput(5, 5000);
  const single = await writeThroughput(1, 2000);

  log(`seeding ${sessions} sessions and up to ${targetSamples.toLocaleString('en')} samples …`);
  const name = `bench-list-${Date.now()}`;
  const seeded = await seedHistory(name, sessions, targetSamples, opts.budgetMs ?? 60_000, log);
  const store = createHistoryStore({ name });
  const newest50Ms = await timeIt(20, () => store.listSessions({ limit: 50 }));
  const newest50ByServiceMs = await timeIt(20, () => store.listSessions({ limit: 50, service: 'netflix' }));
  const page10Ms = await timeIt(5, async () => {
    let page = await store.listSessions({ limit: 50 });
    for (let i = 1; i < 10 && page.next; i++)
      page = await store.listSessions({ limit: 50, before: page.next });
  });
  const getSession300Ms = await timeIt(10, () => store.getSession(sidOf(0)));
  const last = T0 + (sessions - 1) * HOUR * 1.7;
  const daily30Ms = await timeIt(5, () =>
    store.dailyByService({ from: last - 30 * 24 * HOUR, to: last + 1, tzOffsetMin: 60 }),
  );
  store.close();
  await deleteDB(name);

  const samples = Array.from({ length: 3600 }, (_, i) => sample(sidOf(1), i, T0));
  const events = hourOfEvents(sidOf(1));
  const cloneBytes = (xs: unknown[]) => xs.reduce<number>((n, x) => n + serialize(x).length, 0);
  const perHour = {
    samples: samples.length,
    events: events.length,
    jsonBytes: [...samples, ...events].reduce<number>((n, x) => n + JSON.stringify(x).length, 0),
    cloneBytes: cloneBytes([...samples, ...events]),
    cloneBytesNoRequests: cloneBytes([...samples, ...events.filter((e) => e.kind !== 'request')]),
  };
  return {
    write: { batchedSamplesPerSec: batched, perSampleTxSamplesPerSec: single, speedup: batched / single },
    list: {
      sessions,
      samplesStored: seeded.stored,
      samplesTarget: targetSamples,
      seedMs: seeded.seedMs,
      newest50Ms,
      newest50ByServiceMs,
      page10Ms,
      getSession300Ms,
      daily30Ms,
    },
    perHour,
    note: 'fake-indexeddb is in-memory and single-threaded; value bytes exclude keys, index entries and LevelDB/SQLite overhead.',
  };
}

function printTable(r: StoreBenchResult): void {
  const f = (n: number, d = 0) =>
    n.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });
  const rows: [string, string][] = [
    ['write: one tx per 5-sample batch', `${f(r.write.batchedSamplesPerSec)} samples/s`],
    ['write: one tx per sample', `${f(r.write.perSampleTxSamplesPerSec)} samples/s`],
    ['write: batching speed-up', `${f(r.write.speedup, 1)}×`],
    [
      'history: sessions / samples stored',
      `${f(r.list.sessions)} / ${f(r.list.samplesStored)} (target ${f(r.list.samplesTarget)})`,
    ],
    ['history: seed time', `${f(r.list.seedMs / 1000, 1)} s`],
    ['list newest 50', `${f(r.list.newest50Ms, 2)} ms`],
    ['list newest 50, one service', `${f(r.list.newest50ByServiceMs, 2)} ms`],
    ['list pages 1–10 (500 sessions)', `${f(r.list.page10Ms, 2)} ms`],
    ['getSession (300 samples)', `${f(r.list.getSession300Ms, 2)} ms`],
    ['dailyByService, 30 days', `${f(r.list.daily30Ms, 2)} ms`],
    ['per hour: records', `${f(r.perHour.samples)} samples + ${f(r.perHour.events)} events`],
    ['per hour: JSON bytes', `${f(r.perHour.jsonBytes)} B`],
    ['per hour: structured clone (v8) bytes', `${f(r.perHour.cloneBytes)} B`],
    ['per hour: clone bytes without request events', `${f(r.perHour.cloneBytesNoRequests)} B`],
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
