/**
 * The popup keeps the history's first page as the worker last gave it (localStorage) and paints it at
 * once on the next opening; the worker's answer then takes its place. A deleted session must never be
 * painted again from that copy, and nothing but a page this version wrote is ever painted.
 */
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { App } from '@/entrypoints/popup/app';
import { deleteAll, recordBatch } from '@/utils/db';
import {
  deletionCount,
  FIRST_PAGE_KEY,
  FIRST_PAGE_SIZE,
  forgetFirstPage,
  keepFirstPage,
  pageFromCopy,
  readFirstPageCopy,
} from '@/utils/messaging/first-page-cache';
import { createHistoryClient } from '@/utils/messaging/history-client';
import { allById, answerHistoryLikeTheWorker, mount, sample, session, T0 } from './fixtures';

const open = (search: string) => window.history.replaceState(null, '', `/popup.html${search}`);
const rowIds = (el: HTMLElement) => allById(el, 'history-row').map((r) => r.dataset.sessionId);
/** Lets the fake worker answer and Preact render, however long a loaded machine takes, until `check` holds. */
const settled = (check: () => void) => vi.waitFor(() => act(() => check()), { timeout: 5_000, interval: 10 });

async function store(id: string, startedAt: number) {
  const { agg: _agg, ...meta } = session(id, { startedAt });
  await recordBatch({ session: meta, samples: [sample(id, 0, { t: startedAt })], events: [] });
}

describe('the kept first page', () => {
  it('reads back what was kept, and nothing that is not a page this version wrote', () => {
    const page = { sessions: [session('kept-session-1')], next: { startedAt: T0, id: 'kept-session-1' } };
    keepFirstPage(page, deletionCount());
    expect(readFirstPageCopy()).toEqual(page);
    for (const bad of [
      'not json',
      JSON.stringify({ v: 2, page }),
      JSON.stringify({ v: 1, page: { sessions: [{ id: 'x' }] } }),
      JSON.stringify({ v: 1, page: { sessions: [], next: { startedAt: 'soon' } } }),
      JSON.stringify({ v: 1, page: { sessions: Array(FIRST_PAGE_SIZE + 1).fill(session('s-1')) } }),
    ]) {
      localStorage.setItem(FIRST_PAGE_KEY, bad);
      expect(readFirstPageCopy()).toBeNull();
    }
    expect(pageFromCopy(null)).toBeNull();
  });

  it('is forgotten by every deletion, before the worker is asked', async () => {
    const sent: string[] = [];
    const client = createHistoryClient(async (m) => {
      sent.push(`${m.type}:${localStorage.getItem(FIRST_PAGE_KEY) === null ? 'forgotten' : 'kept'}`);
      return { ok: true, result: m.type === 'deleteHost' ? 0 : m.type === 'deleteSession' ? true : null };
    });
    for (const remove of [
      () => client.deleteSession('s-1'),
      () => client.deleteHost('h'),
      client.deleteAll,
    ]) {
      keepFirstPage({ sessions: [session('s-1')] }, deletionCount());
      await remove();
    }
    expect(sent).toEqual(['deleteSession:forgotten', 'deleteHost:forgotten', 'deleteAll:forgotten']);
  });

  it('does not keep a page asked for before a deletion, here or in another extension page', () => {
    const page = { sessions: [session('deleted-meanwhile')] };
    const askedAt = deletionCount();
    forgetFirstPage();
    keepFirstPage(page, askedAt);
    expect(readFirstPageCopy()).toBeNull();
    // Another page (the options page) deleted: the browser tells this one with a storage event.
    const before = deletionCount();
    window.dispatchEvent(new StorageEvent('storage', { key: FIRST_PAGE_KEY, newValue: null }));
    keepFirstPage(page, before);
    expect(readFirstPageCopy()).toBeNull();
  });
});

describe('popup opened on the history', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    answerHistoryLikeTheWorker();
    open('?view=history');
  });
  afterEach(async () => {
    await deleteAll();
    open('');
  });

  it('paints the kept page in its first render, then the worker’s answer in its place', async () => {
    await store('stored-newest-1', T0 + 3_600_000);
    await store('stored-older-2', T0);
    keepFirstPage({ sessions: [session('stored-older-2', { startedAt: T0 })] }, deletionCount());
    const el = mount(<App />);
    // Before any answer could arrive: the copy, painted with the first frame.
    expect(rowIds(el)).toEqual(['stored-older-2']);
    await settled(() => expect(rowIds(el)).toEqual(['stored-newest-1', 'stored-older-2']));
    // …and the worker's answer is what the next opening paints first.
    await settled(() =>
      expect(readFirstPageCopy()?.sessions.map((s) => s.id)).toEqual(['stored-newest-1', 'stored-older-2']),
    );
  });

  it('never paints a session deleted since, and waits for the worker when nothing is kept', async () => {
    await store('to-be-deleted-1', T0);
    const first = mount(<App />);
    expect(rowIds(first)).toEqual([]);
    await settled(() => expect(rowIds(first)).toEqual(['to-be-deleted-1']));
    await settled(() => expect(readFirstPageCopy()).not.toBeNull());
    await createHistoryClient().deleteSession('to-be-deleted-1');
    const again = mount(<App />);
    expect(rowIds(again)).toEqual([]);
    // The worker's answer has arrived (the list says the history is empty), and painted no row.
    await settled(() => expect(again.querySelector('[data-testid="history-empty"]')).not.toBeNull());
    expect(rowIds(again)).toEqual([]);
  });
});
