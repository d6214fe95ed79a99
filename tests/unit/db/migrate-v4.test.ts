/**
 * v3 → v4 (samples and media requests into chunks), seeded with rows exactly as v3 wrote them: one per
 * sample and one per request event, values at full double precision, through raw IndexedDB.
 */
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { DB_VERSION, UPGRADE_RETRY_MS } from '../../../utils/db';
import { normalizeRequest, type RequestEvent } from '../../../utils/db/request-codec';
import { normalizeSample } from '../../../utils/db/sample-codec';
import { emptyAggregates, foldEvent, foldSample } from '../../../utils/metrics/aggregate';
import type { PlaybackEvent, Sample } from '../../../utils/schema/playback';
import { batch, DAY, freshName, meta, NOW, openStore, sample, sid, stall } from './helpers';
import { rawOpenV3, seed } from './legacy';

/** v3 data as v3 wrote it: a row per sample and per request, values at full double precision. */
function v3History() {
  const a = sid(1);
  const b = sid(2);
  const samples: Sample[] = [];
  for (let seq = 0; seq < 700; seq++) {
    if (seq === 350) continue;
    samples.push(
      sample(a, seq, {
        mt: seq + 0.0001234,
        buf: 20 - (seq % 4) / 3,
        br: seq % 10 === 0 ? null : 4800 + seq / 7,
        w: seq < 400 ? 1920 : 1280,
        h: seq < 400 ? 1080 : 720,
        state: seq % 97 === 0 ? 'stalled' : 'playing',
        hidden: seq > 600,
      }),
    );
  }
  samples.push(sample(b, 0), sample(b, 1));
  const badSample = { ...sample(a, 350), w: -1 };
  const requests: RequestEvent[] = Array.from({ length: 400 }, (_, i) => ({
    sid: a,
    seq: i + 1,
    t: NOW - DAY + i * 4000 + 0.37,
    mt: i * 4 + 0.0004,
    kind: 'request',
    host: i % 3 ? 'rr3---sn-abc.googlevideo.com' : 'rr1---sn-xyz.googlevideo.com',
    bytes: 2_000_000 + i,
    durationMs: 300 + i / 9,
    timed: i % 5 !== 0,
  }));
  requests.push({ ...(requests[0] as RequestEvent), sid: b, seq: 0 });
  const others: PlaybackEvent[] = [
    stall(a, 0, 800),
    {
      sid: a,
      seq: 401,
      t: NOW - DAY + 400_000,
      mt: 400,
      kind: 'resolution',
      fromW: 1920,
      fromH: 1080,
      w: 1280,
      h: 720,
      drop: true,
    },
  ];
  const badEvent = { ...(requests[1] as RequestEvent), seq: 402, bytes: -5 };
  const sessions = [a, b].map((id) => {
    const own = samples.filter((s) => s.sid === id);
    const evs = [...others, ...requests].filter((e) => e.sid === id);
    return { ...meta(id), agg: evs.reduce(foldEvent, own.reduce(foldSample, emptyAggregates())) };
  });
  const rows: [string, unknown][] = [
    ...sessions.map((x): [string, unknown] => ['sessions', x]),
    ...[...samples, badSample].map((x): [string, unknown] => ['samples', x]),
    ...[...requests, ...others, badEvent].map((x): [string, unknown] => ['events', x]),
  ];
  return { a, b, samples, requests, others, rows };
}

describe('v3 → v4: samples and media requests move into chunks', () => {
  it('reads back the same samples and events, chunked, and drops the per-sample store', async () => {
    const name = freshName();
    const h = v3History();
    const old = await rawOpenV3(name);
    await seed(old, ['sessions', 'samples', 'events'], h.rows);
    old.close();

    const { store } = openStore(name);
    const d = await store.getSession(h.a);
    const mine = <T extends { sid: string }>(xs: T[]) => xs.filter((x) => x.sid === h.a);
    expect(d?.samples).toEqual(mine(h.samples).map(normalizeSample));
    expect(d?.samples).toHaveLength(699);
    const expected = [...h.others, ...mine(h.requests).map(normalizeRequest)].sort((x, y) => x.seq - y.seq);
    expect(d?.events).toEqual(expected);
    // Within the stated precision of the originals.
    const first = d?.samples[1];
    expect(first?.mt).toBeCloseTo(1.0001234, 3);
    expect(first?.br).toBeCloseTo(4800 + 1 / 7, 1);
    const req = d?.events.find((e) => e.seq === 10);
    expect(req).toMatchObject({ kind: 'request', bytes: 2_000_009, timed: true });
    expect((await store.getSession(h.b))?.events).toEqual([
      normalizeRequest(h.requests.at(-1) as RequestEvent),
    ]);
    expect((await store.getSession(h.b))?.samples).toHaveLength(2);

    // The invalid v3 sample was quarantined by the upgrade, the invalid event by the read; nothing lost.
    expect((await store.quarantineSummary()).byStore).toEqual({ samples: 1, events: 1 });
    const db = await openDB(name, DB_VERSION);
    try {
      expect([...db.objectStoreNames]).not.toContain('samples');
      const chunks = (await db.getAll('sampleChunks')) as { sid: string; n: number }[];
      expect(chunks.map((c) => [c.sid, c.n])).toEqual([
        [h.a, 300],
        [h.a, 300],
        [h.a, 99],
        [h.b, 2],
      ]);
      const requestChunks = (await db.getAll('requestChunks')) as { n: number }[];
      expect(requestChunks.map((c) => c.n)).toEqual([300, 100, 1]);
      expect(((await db.getAll('events')) as PlaybackEvent[]).map((e) => e.kind)).toEqual([
        'stall',
        'resolution',
      ]);
      expect(await db.count('sessions')).toBe(2);
    } finally {
      db.close();
    }

    // A batch the content script sent before the update and resends after it changes nothing.
    const resend = batch(h.a, 0, 3, [stall(h.a, 0, 800), mine(h.requests)[0] as PlaybackEvent]);
    resend.samples = mine(h.samples).slice(0, 3);
    expect(await store.recordBatch(resend)).toMatchObject({
      stored: { samples: 0, events: 0 },
      duplicates: 5,
    });
    // And new samples continue the last chunk.
    expect(await store.recordBatch(batch(h.a, 700, 3))).toMatchObject({ stored: { samples: 3 } });
    expect((await store.getSession(h.a))?.session.agg.samples).toBe(702);
  });

  it('converts a history larger than the writes it keeps in flight', async () => {
    const name = freshName();
    const id = sid(9);
    const samples = Array.from({ length: 4500 }, (_, i) => sample(id, i));
    const one = v3History().requests[0] as RequestEvent;
    const requests = Array.from({ length: 2100 }, (_, seq) => ({ ...one, sid: id, seq }));
    const old = await rawOpenV3(name);
    await seed(
      old,
      ['sessions', 'samples', 'events'],
      [
        ['sessions', { ...meta(id), agg: samples.reduce(foldSample, emptyAggregates()) }],
        ...samples.map((x): [string, unknown] => ['samples', x]),
        ...requests.map((x): [string, unknown] => ['events', x]),
      ],
    );
    old.close();
    const { store } = openStore(name);
    const d = await store.getSession(id);
    expect(d?.samples).toEqual(samples.map(normalizeSample));
    expect(d?.events).toEqual(requests.map(normalizeRequest));
  });

  it('leaves v3 untouched when the conversion fails, and converts on the next open', async () => {
    const name = freshName();
    const h = v3History();
    const old = await rawOpenV3(name);
    await seed(old, ['sessions', 'samples', 'events'], h.rows);
    old.close();

    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      if (this.name === 'requestChunks') throw new DOMException('disk on fire', 'UnknownError');
      return put.apply(this, args);
    };
    let clock = NOW;
    const { store } = openStore(name, () => clock);
    try {
      // The previous version stays usable: the history is listed, only the upgrade waits.
      expect((await store.listSessions()).sessions).toHaveLength(2);
    } finally {
      IDBObjectStore.prototype.put = put;
    }
    store.close();
    const v3 = await rawOpenV3(name);
    try {
      expect(v3.version).toBe(3);
      const count = (s: string) =>
        new Promise<number>((resolve) => {
          const req = v3.transaction(s).objectStore(s).count();
          req.onsuccess = () => resolve(req.result);
        });
      expect(await count('samples')).toBe(702);
      expect(await count('events')).toBe(404);
      expect(await count('quarantine')).toBe(0);
    } finally {
      v3.close();
    }
    clock += UPGRADE_RETRY_MS;
    expect((await store.getSession(h.a))?.samples).toHaveLength(699);
  });

  it('out of quota: v3 stays readable and deletable, new batches wait, and the upgrade is retried later', async () => {
    const name = freshName();
    const h = v3History();
    const old = await rawOpenV3(name);
    await seed(old, ['sessions', 'samples', 'events'], h.rows);
    old.close();

    const put = IDBObjectStore.prototype.put;
    let tried = 0;
    IDBObjectStore.prototype.put = function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      if (this.name === 'sampleChunks') {
        tried++;
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return put.apply(this, args);
    };
    let clock = NOW;
    const { store } = openStore(name, () => clock);
    try {
      const listed = await store.listSessions().catch((e: unknown) => e);
      console.info(
        `[migrate-v4] v3 -> v4 out of quota: listSessions ${listed instanceof Error ? `failed (${listed.name})` : 'answered'}`,
      );
      expect(listed).toMatchObject({ sessions: [{ id: h.b }, { id: h.a }] });
      const d = await store.getSession(h.a);
      expect(d?.samples).toHaveLength(699);
      expect(d?.events).toHaveLength(h.requests.length - 1 + h.others.length);
      // A new batch is not stored while the upgrade waits; the tracker keeps it and resends.
      await expect(store.recordBatch(batch(sid(3), 0, 3, [], { startedAt: NOW }))).rejects.toThrow(
        /upgrade/i,
      );
      // Within the retry interval the upgrade is not tried again on every call.
      const attempts = tried;
      await store.listSessions();
      expect(tried).toBe(attempts);
      expect(await store.deleteSession(h.b)).toBe(true);
    } finally {
      IDBObjectStore.prototype.put = put;
    }
    // Later (space freed), the upgrade runs and the history is v4.
    clock += UPGRADE_RETRY_MS;
    expect((await store.getSession(h.a))?.samples).toEqual(
      h.samples.filter((s) => s.sid === h.a).map(normalizeSample),
    );
    expect((await store.listSessions()).sessions.map((s) => s.id)).toEqual([h.a]);
    await store.recordBatch(batch(sid(3), 0, 3, [], { startedAt: NOW }));
    expect((await store.getSession(sid(3)))?.samples).toHaveLength(3);
  });
});
