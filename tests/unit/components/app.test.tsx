/**
 * The popup page end to end inside vitest: the real history store on fake-indexeddb and WXT's fake
 * browser for the worker's `getLive` answer. Checks the wiring the components cannot: paging, detail,
 * and that "Now playing" scores the stored record of the live session.
 */
import { options, render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { scoresOf } from '@/components/session-scores';
import { App } from '@/entrypoints/popup/app';
import { deleteAll, recordBatch } from '@/utils/db';
import { parseSelection } from '@/utils/evidence/scope';
import type { LiveSnapshot } from '@/utils/messaging/worker-protocol';
import {
  allById,
  answerHistoryLikeTheWorker,
  byId,
  live,
  mount,
  sample,
  session,
  stallEvent,
  T0,
  text,
} from './fixtures';

const open = (search: string) => window.history.replaceState(null, '', `/popup.html${search}`);

async function seed(n: number, over: { tabId?: number; open?: boolean; netflixEvery?: number } = {}) {
  for (let i = 0; i < n; i++) {
    const id = `seeded-session-${String(i).padStart(3, '0')}`;
    const netflix = over.netflixEvery !== undefined && i % over.netflixEvery === 0;
    const { agg: _agg, ...meta } = session(id, {
      startedAt: T0 - i * 3_600_000,
      ...(netflix ? { service: 'netflix', pageHost: 'www.netflix.com', frameHost: 'www.netflix.com' } : {}),
    });
    await recordBatch({
      session: { ...meta, ...(over.open ? { endedAt: undefined } : {}), tabId: over.tabId },
      samples: Array.from({ length: 5 }, (_, s) => sample(id, s, { t: meta.startedAt + s * 1000 })),
      events: i === 0 ? [stallEvent(id, 10, meta.startedAt + 2000, 1500)] : [],
    });
  }
}

/**
 * The installed fake browser resolves sendMessage with the first truthy listener result. History requests
 * go to the worker's own handler over the real store (answerHistoryLikeTheWorker); `getLive` gets the
 * given answer.
 */
function answerGetLive(answer: unknown) {
  const asked: unknown[] = [];
  fakeBrowser.runtime.onMessage.addListener((msg: unknown) => {
    if ((msg as { type?: unknown })?.type !== 'getLive') return undefined;
    asked.push(msg);
    return answer;
  });
  return asked;
}

beforeEach(() => {
  fakeBrowser.reset();
  answerHistoryLikeTheWorker();
});
afterEach(async () => {
  await deleteAll();
  open('');
});

describe('popup App', () => {
  it('shows the first page as soon as it arrives, without waiting for a paint first', async () => {
    await seed(3);
    open('?view=history');
    // Preact runs effects only after a frame; a frame that never comes must not hold the list back.
    // (No act(): it would run the effects itself.)
    const raf = options.requestAnimationFrame;
    options.requestAnimationFrame = () => undefined;
    const el = document.createElement('div');
    document.body.append(el);
    try {
      render(<App />, el);
      await vi.waitFor(() => expect(allById(el, 'history-row')).toHaveLength(3));
    } finally {
      render(null, el);
      el.remove();
      options.requestAnimationFrame = raf;
    }
  });

  it('lists one page of 50 sessions first, then the next page on demand', async () => {
    await seed(60);
    open('?view=history');
    const el = mount(<App />);
    await vi.waitFor(() => expect(allById(el, 'history-row')).toHaveLength(50));
    expect(byId(el, 'tab-history')?.getAttribute('aria-selected')).toBe('true');
    byId(el, 'history-more')?.click();
    await vi.waitFor(() => expect(allById(el, 'history-row')).toHaveLength(60));
    expect(byId(el, 'history-more')).toBeNull();
    const ids = allById(el, 'history-row').map((r) => r.dataset.sessionId);
    expect(new Set(ids).size).toBe(60);
  });

  it('opens a session from the list and comes back to the same row', async () => {
    await seed(3);
    open('?view=history');
    const el = mount(<App />);
    await vi.waitFor(() => expect(allById(el, 'history-row')).toHaveLength(3));
    allById(el, 'history-row')[0]?.click();
    await vi.waitFor(() => expect(text(el, 'detail-stalls')).toBe('1'));
    expect(text(el, 'detail-stall-time')).toBe('1.5 s');
    expect(allById(el, 'timeline-stall')).toHaveLength(1);
    byId(el, 'detail-back')?.click();
    await vi.waitFor(() => expect(allById(el, 'history-row')).toHaveLength(3));
    await vi.waitFor(() => expect(document.activeElement).toBe(allById(el, 'history-row')[0]));
  });

  it('filters by service from the first page on', async () => {
    await seed(9, { netflixEvery: 3 });
    open('?view=history');
    const el = mount(<App />);
    await vi.waitFor(() => expect(allById(el, 'history-row')).toHaveLength(9));
    const select = byId(el, 'filter-service') as HTMLSelectElement;
    select.value = 'netflix';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() => expect(allById(el, 'history-row')).toHaveLength(3));
    expect(allById(el, 'history-row').map((r) => r.querySelector('.row-service')?.textContent)).toEqual([
      'Netflix',
      'Netflix',
      'Netflix',
    ]);
  });

  it('opens the settings page from the header, from every tab', async () => {
    const openOptions = vi.fn(() => Promise.resolve());
    fakeBrowser.runtime.openOptionsPage = openOptions;
    for (const view of ['', '?view=history', '?view=compare']) {
      open(view);
      const el = mount(<App />);
      const button = byId(el, 'open-settings');
      expect(button?.textContent).toBe('Settings');
      button?.click();
    }
    expect(openOptions).toHaveBeenCalledTimes(3);
  });

  it('opens the evidence pages in a new tab: for the open session, and for what the filter shows', async () => {
    await seed(4, { netflixEvery: 2 });
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    open('?view=history');
    const el = mount(<App />);
    await vi.waitFor(() => expect(allById(el, 'history-row')).toHaveLength(4));
    expect(text(el, 'evidence-scope')).toBe('All services, everything recorded');
    const select = byId(el, 'filter-service') as HTMLSelectElement;
    select.value = 'netflix';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() => expect(allById(el, 'history-row')).toHaveLength(2));
    byId(el, 'history-complain')?.click();
    allById(el, 'history-row')[0]?.click();
    await vi.waitFor(() => expect(byId(el, 'detail-export')).not.toBeNull());
    byId(el, 'detail-export')?.click();
    const urls = create.mock.calls.map(([props]) => new URL(props.url ?? ''));
    expect(urls.map((u) => `${u.pathname}${u.search}`)).toEqual([
      '/complaint.html?all=1&service=netflix',
      '/report.html?session=seeded-session-000',
    ]);
    expect(urls[0]?.href).toBe(browser.runtime.getURL('/complaint.html?all=1&service=netflix'));
  });

  it('exports exactly the sessions picked, across pages; a filter change or deleting one drops the pick', async () => {
    await seed(60, { netflixEvery: 20 });
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    create.mockClear();
    open('?view=history');
    const el = mount(<App />);
    await vi.waitFor(() => expect(allById(el, 'history-row')).toHaveLength(50));
    expect(allById(el, 'history-check')).toEqual([]);
    const toggle = () => byId(el, 'select-toggle');
    toggle()?.click();
    await vi.waitFor(() => expect(allById(el, 'history-check')).toHaveLength(50));
    expect(toggle()?.getAttribute('aria-pressed')).toBe('true');
    const box = (id: string) => {
      const row = el.querySelector(`[data-testid="history-row"][data-session-id="${id}"]`);
      const input = row?.parentElement?.querySelector<HTMLInputElement>('input[type="checkbox"]');
      if (!input) throw new Error(`no checkbox beside ${id}`);
      return input;
    };
    const tick = async (id: string) => {
      // The list may still be reading its first page again (after a deletion).
      await vi.waitFor(() => box(id));
      box(id).click();
      await vi.waitFor(() => expect(box(id).checked).toBe(true));
    };
    await tick('seeded-session-003');
    await tick('seeded-session-001');
    byId(el, 'history-more')?.click();
    await vi.waitFor(() => expect(allById(el, 'history-row')).toHaveLength(60));
    await tick('seeded-session-055');
    expect(text(el, 'selection-count')).toBe('3 selected');
    const checked = (allById(el, 'history-check') as HTMLInputElement[]).filter((b) => b.checked);
    expect(checked).toHaveLength(3);

    byId(el, 'selection-export')?.click();
    byId(el, 'selection-complain')?.click();
    const picked = ['seeded-session-003', 'seeded-session-001', 'seeded-session-055'];
    const urls = create.mock.calls.map(([props]) => new URL(props.url ?? ''));
    expect(urls.map((u) => u.pathname)).toEqual(['/report.html', '/complaint.html']);
    for (const u of urls) {
      const parsed = parseSelection(u.searchParams, T0, 0);
      expect(parsed).toEqual({ ok: true, selection: { kind: 'sessions', ids: picked } });
    }

    // A detail visit and back keeps it; deleting an unpicked session keeps it too.
    allById(el, 'history-row')[2]?.click();
    await vi.waitFor(() => expect(byId(el, 'delete-session')).not.toBeNull());
    byId(el, 'delete-session')?.click();
    await vi.waitFor(() => expect(byId(el, 'confirm-delete')).not.toBeNull());
    byId(el, 'confirm-delete')?.click();
    await vi.waitFor(() => expect(allById(el, 'history-row')).toHaveLength(50));
    expect(text(el, 'selection-count')).toBe('3 selected');

    // Deleting a picked one drops the whole pick.
    el.querySelector<HTMLElement>(
      '[data-testid="history-row"][data-session-id="seeded-session-001"]',
    )?.click();
    await vi.waitFor(() => expect(byId(el, 'delete-session')).not.toBeNull());
    byId(el, 'delete-session')?.click();
    await vi.waitFor(() => expect(byId(el, 'confirm-delete')).not.toBeNull());
    byId(el, 'confirm-delete')?.click();
    await vi.waitFor(() => expect(text(el, 'selection-count')).toBe('0 selected'));

    // Pick again, then change the filter: the pick is gone, selecting stays on.
    await tick('seeded-session-000');
    byId(el, 'selection-all')?.click();
    await vi.waitFor(() => expect(text(el, 'selection-count')).toBe('50 selected'));
    const select = byId(el, 'filter-service') as HTMLSelectElement;
    select.value = 'netflix';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() => expect(allById(el, 'history-row')).toHaveLength(3));
    expect(text(el, 'selection-count')).toBe('0 selected');
    await tick('seeded-session-020');
    byId(el, 'selection-clear')?.click();
    await vi.waitFor(() => expect(text(el, 'selection-count')).toBe('0 selected'));
    await tick('seeded-session-020');
    toggle()?.click();
    await vi.waitFor(() => expect(byId(el, 'selection-bar')).toBeNull());
    expect(toggle()?.getAttribute('aria-pressed')).toBe('false');
    expect(allById(el, 'history-check')).toEqual([]);
    toggle()?.click();
    // Turning selecting off dropped the pick: back on, nothing is ticked.
    await vi.waitFor(() => expect(text(el, 'selection-count')).toBe('0 selected'));
  });

  it('offers no export for an empty history', async () => {
    open('?view=history');
    const el = mount(<App />);
    await vi.waitFor(() => expect(byId(el, 'history-empty')).not.toBeNull());
    expect(byId(el, 'history-evidence')).toBeNull();
  });

  it('shows a clear empty history', async () => {
    open('?view=history');
    const el = mount(<App />);
    await vi.waitFor(() => expect(byId(el, 'history-empty')).not.toBeNull());
  });

  it('describes the ?tab= tab and scores its stored session', async () => {
    await seed(1, { tabId: 7, open: true });
    const snap: LiveSnapshot = live({ sid: 'seeded-session-000', stalls: 1, stallMs: 1500 });
    const asked = answerGetLive({ ok: true, result: snap });
    open('?tab=7');
    const el = mount(<App />);
    await vi.waitFor(() => expect(text(el, 'score-overall')).toMatch(/^\d+$/));
    expect(text(el, 'stalls')).toBe('1');
    expect(asked[0]).toEqual({ type: 'getLive', tabId: 7 });
    const { getSession } = await import('@/utils/db');
    const stored = await getSession('seeded-session-000');
    if (!stored) throw new Error('seed missing');
    expect(Number(byId(el, 'score-overall')?.dataset.value)).toBeCloseTo(
      scoresOf(stored.session.agg).overall ?? 0,
      9,
    );
  });

  it('says so in words when the worker refuses', async () => {
    answerGetLive({ ok: false, error: 'not allowed' });
    open('?tab=7');
    const el = mount(<App />);
    await vi.waitFor(() => expect(text(el, 'live-error')).toContain('Live data is unavailable: not allowed'));
  });
});
