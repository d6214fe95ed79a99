/**
 * The worker's message router: history reads and deletions are for extension pages only, every request
 * is parsed, and the popup's client gets the store's answers through it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { route } from '@/entrypoints/background/router';
import { deleteAll, getSession, listSessions, recordBatch } from '@/utils/db';
import { createHistoryClient } from '@/utils/messaging/history-client';
import { sample, session } from '../components/fixtures';

const extensionPage = () => ({ id: browser.runtime.id, url: browser.runtime.getURL('/popup.html') });
const contentScript = () => ({
  id: browser.runtime.id,
  url: 'https://www.netflix.com/watch/1',
  tab: { id: 4 },
});

async function seedOne(id: string) {
  const { agg: _agg, ...meta } = session(id);
  await recordBatch({
    session: meta,
    samples: [0, 1, 2].map((s) => sample(id, s, { t: meta.startedAt + s * 1000 })),
    events: [],
  });
}

beforeEach(() => fakeBrowser.reset());
afterEach(() => deleteAll());

describe('worker router: history commands', () => {
  it('answers an extension page through the popup client, from list to delete', async () => {
    await seedOne('router-session-1');
    const client = createHistoryClient((m) => route(m, extensionPage() as never));
    const page = await client.listSessions({ limit: 10 });
    expect(page.sessions.map((s) => s.id)).toEqual(['router-session-1']);
    expect((await client.getSession('router-session-1'))?.samples).toHaveLength(3);
    expect(await client.storeStatus()).toEqual({ storage: null, quarantine: expect.anything(), error: null });
    expect(await client.deleteSession('router-session-1')).toBe(true);
    expect((await listSessions()).sessions).toEqual([]);
  });

  it('refuses history reads and deletions from a content script, and deletes nothing', async () => {
    await seedOne('router-session-2');
    for (const msg of [
      { type: 'listSessions', options: {} },
      { type: 'getSession', id: 'router-session-2' },
      { type: 'deleteAll' },
    ]) {
      expect(await route(msg, contentScript() as never)).toMatchObject({ ok: false });
    }
    expect(await route({ type: 'deleteAll' }, { id: 'another-extension' } as never)).toEqual({
      ok: false,
      error: 'unknown sender',
    });
    expect((await listSessions()).sessions.map((s) => s.id)).toEqual(['router-session-2']);
  });

  it('compares services over the stored history for an extension page only', async () => {
    await seedOne('router-session-3');
    const client = createHistoryClient((m) => route(m, extensionPage() as never));
    const got = await client.compareServices(400);
    expect(got.sessionsRead).toBe(1);
    expect(got.summary.services.map((s) => s.key)).toEqual([expect.any(String)]);
    expect(got.summary.pairs).toEqual([]);
    // A structured clone of the answer is what the popup gets: nothing in it may be lost on the way.
    expect(structuredClone(got)).toEqual(got);
    expect(await route({ type: 'compareServices', days: 30 }, contentScript() as never)).toMatchObject({
      ok: false,
    });
    for (const days of [0, 401, 1.5, '30'])
      expect(await route({ type: 'compareServices', days }, extensionPage() as never)).toEqual({
        ok: false,
        error: 'malformed request',
      });
  });

  it('rejects malformed requests with a clear error instead of reading anything', async () => {
    const bad = [
      { type: 'listSessions', options: { limit: 1e9 } },
      { type: 'listSessions', options: { sql: 'drop' } },
      { type: 'getSession', id: '../../etc' },
      { type: 'deleteHost', host: '' },
    ];
    for (const msg of bad)
      expect(await route(msg, extensionPage() as never)).toEqual({ ok: false, error: 'malformed request' });
    const client = createHistoryClient((m) => route(m, extensionPage() as never));
    await expect(client.getSession('bad id!' as string)).rejects.toThrow('malformed request');
  });

  it('the popup client refuses an answer of the wrong shape instead of rendering it', async () => {
    const wrong = createHistoryClient(async () => ({ ok: true, live: null }));
    await expect(wrong.storeStatus()).rejects.toThrow(/unexpected answer .* storeStatus/);
    await expect(wrong.listSessions()).rejects.toThrow(/listSessions/);
    await expect(createHistoryClient(async () => undefined).getSession('router-session-9')).rejects.toThrow(
      'no answer from the background worker',
    );
  });
});

/** A batch of `n` samples from `from` for session `id`, claiming whatever hosts the sender likes. */
function batch(
  id: string,
  from = 0,
  n = 3,
  claims: { pageHost?: string; frameHost?: string; service?: string } = {},
) {
  // Started a minute ago: older samples would be the daily retention's to prune after the write.
  const {
    agg: _agg,
    tabId: _tab,
    ...meta
  } = session(id, { endedAt: undefined, startedAt: Date.now() - 60_000 });
  return {
    type: 'recordBatch',
    session: { ...meta, ...claims },
    samples: Array.from({ length: n }, (_, i) =>
      sample(id, from + i, { t: meta.startedAt + (from + i) * 1000 }),
    ),
    events: [],
  };
}
const tabOn = (tabId: number, url: string, frame?: { frameId: number; url: string }) => ({
  id: browser.runtime.id,
  url: frame?.url ?? url,
  frameId: frame?.frameId ?? 0,
  tab: { id: tabId, url },
});

// A fresh worker for each test: what it knows of owners and rates lives in module memory (and storage.session).
let worker: typeof import('@/entrypoints/background/router');
let guard: typeof import('@/entrypoints/background/guard');
async function freshWorker() {
  vi.resetModules();
  worker = await import('@/entrypoints/background/router');
  guard = await import('@/entrypoints/background/guard');
}

describe('worker router: who wrote it comes from the browser, not the message', () => {
  beforeEach(freshWorker);
  it('stores the hosts and the service of the tab and frame that sent the batch, whatever the batch claims', async () => {
    const forged = { pageHost: 'www.netflix.com', frameHost: 'www.netflix.com', service: 'netflix' };
    expect(
      await worker.route(
        batch('forged-host-1', 0, 3, forged),
        tabOn(4, 'https://www.youtube.com/watch?v=1') as never,
      ),
    ).toMatchObject({ ok: true });
    const top = (await getSession('forged-host-1'))?.session;
    expect({ pageHost: top?.pageHost, frameHost: top?.frameHost, service: top?.service }).toEqual({
      pageHost: 'www.youtube.com',
      frameHost: 'www.youtube.com',
      service: 'youtube',
    });
    // In a frame: the page is the tab's, the frame its own.
    const inFrame = tabOn(5, 'https://news.example/story', {
      frameId: 7,
      url: 'https://player.vimeo.com/video/9',
    });
    expect(await worker.route(batch('forged-host-2', 0, 3, forged), inFrame as never)).toMatchObject({
      ok: true,
    });
    const framed = (await getSession('forged-host-2'))?.session;
    expect({ pageHost: framed?.pageHost, frameHost: framed?.frameHost, service: framed?.service }).toEqual({
      pageHost: 'news.example',
      frameHost: 'player.vimeo.com',
      service: 'other',
    });
  });

  it('binds a session to the tab and frame of its first batch: another writer is refused, and counted', async () => {
    const owner = tabOn(4, 'https://www.youtube.com/watch?v=1');
    expect(await worker.route(batch('bound-session-1', 0, 3), owner as never)).toMatchObject({ ok: true });
    const others = [
      tabOn(5, 'https://www.youtube.com/watch?v=1'),
      tabOn(4, 'https://www.youtube.com/watch?v=1', { frameId: 2, url: 'https://ads.example/x' }),
    ];
    for (const other of others)
      expect(await worker.route(batch('bound-session-1', 3, 3), other as never)).toEqual({
        ok: false,
        error: expect.stringMatching(/another tab or frame/),
      });
    // The owner goes on writing.
    expect(await worker.route(batch('bound-session-1', 3, 2), owner as never)).toMatchObject({ ok: true });
    expect((await getSession('bound-session-1'))?.samples.map((s) => s.seq)).toEqual([0, 1, 2, 3, 4]);
    expect(await worker.route({ type: 'status' }, extensionPage() as never)).toMatchObject({
      ok: true,
      result: { refused: { foreignWriter: 2 } },
    });
  });

  it('keeps the binding when the worker stops (the next worker reads it back)', async () => {
    const owner = tabOn(4, 'https://www.youtube.com/watch?v=1');
    expect(await worker.route(batch('bound-session-2', 0, 3), owner as never)).toMatchObject({ ok: true });
    vi.resetModules();
    const fresh = await import('@/entrypoints/background/router');
    // (the storage.session of the browser is the same one: only the worker's memory is new)
    expect(
      await fresh.route(batch('bound-session-2', 3, 3), tabOn(9, 'https://www.youtube.com/') as never),
    ).toMatchObject({
      ok: false,
    });
    expect(await fresh.route(batch('bound-session-2', 3, 3), owner as never)).toMatchObject({ ok: true });
  });
});

describe('worker router: a tab that floods', () => {
  beforeEach(freshWorker);
  const tab = tabOn(4, 'https://www.youtube.com/watch?v=1');
  afterEach(() => vi.useRealTimers());

  it('accepts at most NEW_SESSIONS_PER_MINUTE new sessions a minute from one tab; the rest wait, and other tabs are not held up', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2025, 10, 25, 19) });
    const acks = [];
    for (let i = 0; i < 100; i++)
      acks.push(await worker.route(batch(`flood-new-${String(i).padStart(3, '0')}`, 0, 1), tab as never));
    const accepted = acks.filter((a) => (a as { ok: boolean }).ok).length;
    console.log(`100 new sessions from one tab within a minute: ${accepted} accepted`);
    expect(accepted).toBe(guard.NEW_SESSIONS_PER_MINUTE);
    expect(acks.at(-1)).toEqual({ ok: false, error: expect.stringMatching(/too many new sessions/) });
    expect(
      await worker.route(batch('other-tab-session', 0, 1), tabOn(5, 'https://www.youtube.com/') as never),
    ).toMatchObject({ ok: true });
    // A minute on, a refused session's resend gets in.
    vi.setSystemTime(Date.now() + 61_000);
    expect(await worker.route(batch('flood-new-099', 0, 1), tab as never)).toMatchObject({ ok: true });
  });

  it('1,000 batches in a burst from one tab: a bounded number reach the store, the rest are refused until tokens come back', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2025, 10, 25, 19) });
    let stored = 0;
    for (let i = 0; i < 1000; i++) {
      const ack = (await worker.route(batch('flood-batches', i, 1), tab as never)) as {
        ok: boolean;
        error?: string;
      };
      if (ack.ok) stored++;
      else expect(ack.error).toMatch(/too many messages/);
    }
    console.log(`1,000 batches in a burst from one tab: ${stored} written`);
    expect(stored).toBeLessThanOrEqual(guard.BATCH_BUCKET.capacity);
    vi.setSystemTime(Date.now() + 10_000);
    expect(await worker.route(batch('flood-batches', 1000, 1), tab as never)).toMatchObject({ ok: true });
  });
});
