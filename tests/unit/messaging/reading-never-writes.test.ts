/**
 * Reading never writes: a store read is a read-only transaction that reports unusable rows (misfits)
 * and leaves them in place; only the worker, the database's one owner, moves them to quarantine, after
 * answering a page's read from the rest.
 */
import { type IDBPDatabase, openDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { route } from '@/entrypoints/background/router';
import { DB_NAME, DB_VERSION, deleteAll, recordBatch } from '@/utils/db';
import * as q from '@/utils/db/queries';
import type { WitnessDb } from '@/utils/db/schema';
import { createHistoryClient } from '@/utils/messaging/history-client';
import { sample, session } from '../components/fixtures';

const extensionPage = () => ({ id: browser.runtime.id, url: browser.runtime.getURL('/report.html') });

async function seed(id: string, startedAt: number) {
  const { agg: _agg, ...meta } = session(id, { startedAt });
  await recordBatch({
    session: meta,
    samples: [0, 1].map((s) => sample(id, s, { t: startedAt + s * 1000 })),
    events: [],
  });
}

/** What each store holds, counted by a connection of the test's own. */
async function counts(db: IDBPDatabase<unknown>) {
  return { sessions: await db.count('sessions'), quarantine: await db.count('quarantine') };
}

let raw: IDBPDatabase<unknown>;
beforeEach(async () => {
  fakeBrowser.reset();
  await seed('good-session-1', 1_000_000);
  await seed('bad-session-2', 2_000_000);
  raw = await openDB(DB_NAME, DB_VERSION);
  await raw.put('sessions', { ...(await raw.get('sessions', 'bad-session-2')), agg: 'garbage' });
});
afterEach(async () => {
  raw.close();
  await deleteAll();
});

describe('reading never writes', () => {
  it('a read reports the bad row and leaves it where it is', async () => {
    const db = raw as unknown as WitnessDb;
    const list = await q.listSessions(db, {});
    expect(list.value.sessions.map((s) => s.id)).toEqual(['good-session-1']);
    expect(list.misfits.flatMap((m) => m.keys)).toEqual(['bad-session-2']);
    const one = await q.getSession(db, 'bad-session-2');
    expect(one.value).toBeNull();
    expect(one.misfits.flatMap((m) => m.keys)).toEqual(['bad-session-2']);
    expect(await counts(raw)).toEqual({ sessions: 2, quarantine: 0 });
  });

  it('a page reading through the worker gets the rest; the worker moves the bad row', async () => {
    const client = createHistoryClient((m) => route(m, extensionPage() as never));
    expect((await client.listSessions()).sessions.map((s) => s.id)).toEqual(['good-session-1']);
    expect(await client.getSession('bad-session-2')).toBeNull();
    expect(await counts(raw)).toEqual({ sessions: 1, quarantine: 1 });
    const status = await client.storeStatus();
    expect(status.quarantine?.byStore).toEqual({ sessions: 1 });
  });
});
