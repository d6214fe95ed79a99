/**
 * The worker's message router: history reads and deletions are for extension pages only, every request
 * is parsed, and the popup's client gets the store's answers through it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { route } from '@/entrypoints/background/router';
import { deleteAll, listSessions, recordBatch } from '@/utils/db';
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
