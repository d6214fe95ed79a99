import { openDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DB_VERSION, type SessionPage } from '../../../utils/db';
import type { Service } from '../../../utils/schema/playback';
import { batch, DAY, NOW, openStore, sid, stall } from './helpers';

const HOSTS: Record<string, Service> = {
  'www.youtube.com': 'youtube',
  'www.netflix.com': 'netflix',
  'www.twitch.tv': 'twitch',
};
const hostOf = (n: number) => Object.keys(HOSTS)[n % 3] as string;

/** 30 sessions an hour apart, newest = n 29; services rotate youtube, netflix, twitch. */
async function seeded() {
  const { store } = openStore();
  for (let n = 0; n < 30; n++) {
    const host = hostOf(n);
    await store.recordBatch(
      batch(sid(n), 0, 2, [], {
        startedAt: NOW - (30 - n) * 3_600_000,
        pageHost: host,
        frameHost: host,
        service: HOSTS[host],
      }),
    );
  }
  return store;
}

async function allPages(
  store: Awaited<ReturnType<typeof seeded>>,
  opts: Parameters<typeof store.listSessions>[0],
) {
  const ids: string[] = [];
  let page: SessionPage = await store.listSessions(opts);
  for (;;) {
    ids.push(...page.sessions.map((s) => s.id));
    if (!page.next) return ids;
    page = await store.listSessions({ ...opts, before: page.next });
  }
}

// Chrome 141+ reads a page with one getAllRecords request; Firefox has no getAllRecords and walks a
// cursor. fake-indexeddb has both: every listing test runs both ways.
describe.each([
  ['one getAllRecords request', false],
  ['a cursor (no getAllRecords)', true],
])('listSessions, read with %s', (_, cursorOnly) => {
  const own = Object.getOwnPropertyDescriptor(IDBIndex.prototype, 'getAllRecords');
  beforeEach(() => {
    if (cursorOnly) Reflect.deleteProperty(IDBIndex.prototype, 'getAllRecords');
  });
  afterEach(() => {
    if (own) Object.defineProperty(IDBIndex.prototype, 'getAllRecords', own);
  });

  it('reads a page in one request where the browser can', async () => {
    expect(own).toBeDefined();
    const store = await seeded();
    const cursors = vi.spyOn(IDBIndex.prototype, 'openCursor');
    try {
      const page = await store.listSessions({
        limit: 7,
        before: { startedAt: NOW - 7 * 3_600_000, id: sid(23) },
      });
      expect(page.sessions.map((s) => s.id)).toEqual([22, 21, 20, 19, 18, 17, 16].map(sid));
      expect(cursors).toHaveBeenCalledTimes(cursorOnly ? 1 : 0);
    } finally {
      cursors.mockRestore();
    }
  });

  it('still fills the page when damaged rows take up places in the first batch', async () => {
    const { store, name } = openStore();
    for (let n = 0; n < 10; n++)
      await store.recordBatch(batch(sid(n), 0, 1, [], { startedAt: NOW - n * 1000 }));
    const raw = await openDB(name, DB_VERSION);
    for (const n of [1, 3])
      await raw.put('sessions', { ...(await raw.get('sessions', sid(n))), agg: 'garbage' });
    raw.close();
    const page = await store.listSessions({ limit: 5 });
    expect(page.sessions.map((s) => s.id)).toEqual([0, 2, 4, 5, 6].map(sid));
    expect(page.next).toEqual({ startedAt: NOW - 6000, id: sid(6) });
    expect((await store.quarantineSummary()).byStore).toEqual({ sessions: 2 });
  });

  it('pages newest first without repeats or gaps', async () => {
    const store = await seeded();
    const first = await store.listSessions({ limit: 7 });
    expect(first.sessions.map((s) => s.id)).toEqual([29, 28, 27, 26, 25, 24, 23].map(sid));
    expect(first.next).toEqual({ startedAt: NOW - 7 * 3_600_000, id: sid(23) });
    const ids = await allPages(store, { limit: 7 });
    expect(ids).toEqual(Array.from({ length: 30 }, (_, i) => sid(29 - i)));
  });

  it('pages through sessions that started at the same millisecond', async () => {
    const { store } = openStore();
    for (let n = 0; n < 5; n++) await store.recordBatch(batch(sid(n), 0, 1, [], { startedAt: NOW }));
    expect(await allPages(store, { limit: 2 })).toEqual([4, 3, 2, 1, 0].map(sid));
  });

  it('filters by service, host and date range, combined with paging', async () => {
    const store = await seeded();
    const netflix = [28, 25, 22, 19, 16, 13, 10, 7, 4, 1].map(sid);
    expect(await allPages(store, { service: 'netflix', limit: 3 })).toEqual(netflix);
    expect(await allPages(store, { host: 'www.twitch.tv', limit: 4 })).toEqual(
      [29, 26, 23, 20, 17, 14, 11, 8, 5, 2].map(sid),
    );
    expect(await allPages(store, { host: 'www.twitch.tv', service: 'youtube' })).toEqual([]);
    // from inclusive, to exclusive: sessions 10..19
    const range = { from: NOW - 20 * 3_600_000, to: NOW - 10 * 3_600_000 };
    expect(await allPages(store, { ...range, limit: 4 })).toEqual(
      [19, 18, 17, 16, 15, 14, 13, 12, 11, 10].map(sid),
    );
    expect(await allPages(store, { ...range, service: 'netflix', limit: 1 })).toEqual(
      [19, 16, 13, 10].map(sid),
    );
  });

  it('reads only session rows, never samples', async () => {
    const store = await seeded();
    const spy = vi.spyOn(IDBDatabase.prototype, 'transaction');
    await allPages(store, { limit: 5, service: 'youtube' });
    const scopes = spy.mock.calls.map((c) => [c[0]].flat());
    spy.mockRestore();
    expect(scopes.length).toBeGreaterThan(0);
    expect(scopes.every((s) => s.length === 1 && s[0] === 'sessions')).toBe(true);
  });
});

describe('getSession', () => {
  it('returns one session with its samples and events in order, and null for an unknown id', async () => {
    const { store } = openStore();
    await store.recordBatch(batch(sid(1), 5, 5, [stall(sid(1), 1, 300)]));
    await store.recordBatch(batch(sid(1), 0, 5, [stall(sid(1), 0, 200)]));
    await store.recordBatch(batch(sid(2), 0, 5));
    const d = await store.getSession(sid(1));
    expect(d?.samples.map((s) => s.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(d?.events.map((e) => e.seq)).toEqual([0, 1]);
    expect(await store.getSession(sid(3))).toBeNull();
  });
});

describe('dailyByService', () => {
  it('sums session aggregates per local day and service', async () => {
    const { store } = openStore();
    const midnight = Date.UTC(2025, 5, 14); // 14 June, 00:00 UTC
    const h = 3_600_000;
    // UTC+2: 23:30 UTC on the 13th is 01:30 on the 14th locally.
    await store.recordBatch(batch(sid(1), 0, 11, [stall(sid(1), 0, 400)], { startedAt: midnight - h / 2 }));
    await store.recordBatch(
      batch(
        sid(2),
        0,
        6,
        [stall(sid(2), 0, 600), { sid: sid(2), seq: 1, t: 0, mt: 0, kind: 'startup', durationMs: 900 }],
        { startedAt: midnight + 10 * h },
      ),
    );
    await store.recordBatch(
      batch(sid(3), 0, 3, [], {
        startedAt: midnight + 12 * h,
        service: 'netflix',
        pageHost: 'www.netflix.com',
      }),
    );
    await store.recordBatch(batch(sid(4), 0, 3, [], { startedAt: midnight + 23 * h })); // 01:00 on the 15th locally
    const rows = await store.dailyByService({
      from: midnight - 2 * h,
      to: midnight + 2 * DAY,
      tzOffsetMin: 120,
    });
    expect(rows.map((r) => [r.day, r.service, r.sessions])).toEqual([
      ['2025-06-14', 'netflix', 1],
      ['2025-06-14', 'youtube', 2],
      ['2025-06-15', 'youtube', 1],
    ]);
    const yt = rows[1];
    expect(yt?.agg).toMatchObject({
      watchMs: 15_000,
      stallCount: 2,
      stallMs: 1000,
      samples: 17,
      startupMs: 900,
    });
    expect(yt?.startups).toBe(1);
  });
});

describe('liveSessionOfTab', () => {
  it('returns the newest session of the tab that has not ended', async () => {
    const { store } = openStore();
    await store.recordBatch(batch(sid(1), 0, 1, [], { tabId: 4, startedAt: NOW - 3000 }));
    await store.recordBatch(batch(sid(2), 0, 1, [], { tabId: 4, startedAt: NOW - 2000 }));
    await store.recordBatch(
      batch(sid(3), 0, 1, [], { tabId: 4, startedAt: NOW - 1000, endedAt: NOW, endReason: 'ended' }),
    );
    await store.recordBatch(batch(sid(4), 0, 1, [], { tabId: 5, startedAt: NOW }));
    expect((await store.liveSessionOfTab(4))?.id).toBe(sid(2));
    expect(await store.liveSessionOfTab(6)).toBeNull();
  });
});
