/**
 * Deleting from the popup: one session, one site, everything. The App runs on the real history store
 * (fake-indexeddb), so each test checks both what the list shows and what is left in the store.
 */
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { SessionDetailView } from '@/components/session-detail';
import { App } from '@/entrypoints/popup/app';
import { deleteAll, getSession, listSessions, recordBatch, storageStatus } from '@/utils/db';
import { allById, answerHistoryLikeTheWorker, byId, mount, sample, session, T0, text } from './fixtures';

const open = (search: string) => window.history.replaceState(null, '', `/popup.html${search}`);
const NETFLIX = { service: 'netflix', pageHost: 'www.netflix.com', frameHost: 'www.netflix.com' } as const;

/** `n` sessions an hour apart; every third (0, 3, 6…) on Netflix when `netflixEvery3`. */
async function seed(n: number, netflixEvery3 = false): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = `delete-session-${String(i).padStart(3, '0')}`;
    const { agg: _agg, ...meta } = session(id, {
      startedAt: T0 - i * 3_600_000,
      ...(netflixEvery3 && i % 3 === 0 ? NETFLIX : {}),
    });
    await recordBatch({
      session: meta,
      samples: Array.from({ length: 3 }, (_, s) => sample(id, s, { t: meta.startedAt + s * 1000 })),
      events: [],
    });
    ids.push(id);
  }
  return ids;
}

const rowIds = (el: HTMLElement) => allById(el, 'history-row').map((r) => r.dataset.sessionId);
const stored = async () => (await listSessions({ limit: 100 })).sessions.map((s) => s.id);
const click = (el: HTMLElement | null) => {
  if (!el) throw new Error('nothing to click');
  act(() => el.click());
};
const pressEscape = (el: Element | null) =>
  act(() => {
    el?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
  });

async function openHistory(rows: number) {
  open('?view=history');
  const el = mount(<App />);
  await vi.waitFor(() => expect(allById(el, 'history-row')).toHaveLength(rows));
  return el;
}

async function openSession(el: HTMLElement, id: string) {
  click(el.querySelector<HTMLElement>(`[data-testid="history-row"][data-session-id="${id}"]`));
  await vi.waitFor(() => expect(byId(el, 'delete-session')).not.toBeNull());
  // The detail moves focus to its heading once it has loaded (an effect, after a frame): wait for that,
  // or it lands after the test's next click and takes focus from the dialog.
  await vi.waitFor(() => expect(document.activeElement?.id).toBe('detail-h'));
}

beforeEach(() => {
  fakeBrowser.reset();
  answerHistoryLikeTheWorker();
});
afterEach(async () => {
  await deleteAll();
  open('');
});

describe('deleting from the popup', () => {
  it('deletes one session after confirmation: gone from the list and the store', async () => {
    const ids = await seed(3);
    const el = await openHistory(3);
    const gone = ids[1] as string;
    await openSession(el, gone);

    click(byId(el, 'delete-session'));
    const dialog = byId(el, 'delete-session-confirm');
    expect(dialog?.getAttribute('role')).toBe('alertdialog');
    expect(dialog?.textContent).toContain('cannot be undone');
    expect(document.activeElement).toBe(byId(el, 'confirm-delete'));
    expect(await getSession(gone)).not.toBeNull(); // asking deletes nothing

    click(byId(el, 'confirm-delete'));
    await vi.waitFor(() => expect(rowIds(el)).toEqual([ids[0], ids[2]]));
    expect(byId(el, 'detail')).toBeNull();
    expect(text(el, 'delete-status')).toBe('Deleted 1 session.');
    expect(byId(el, 'delete-status')?.getAttribute('role')).toBe('status');
    expect(await getSession(gone)).toBeNull();
    expect(await stored()).toEqual([ids[0], ids[2]]);
  });

  it('keeps the session on Cancel and on Escape, and Escape does not leave the session', async () => {
    const ids = await seed(2);
    const el = await openHistory(2);
    const kept = ids[0] as string;
    await openSession(el, kept);

    click(byId(el, 'delete-session'));
    click(byId(el, 'cancel-delete'));
    expect(byId(el, 'confirm-delete')).toBeNull();
    expect(document.activeElement).toBe(byId(el, 'delete-session'));

    click(byId(el, 'delete-session'));
    pressEscape(byId(el, 'confirm-delete'));
    expect(byId(el, 'confirm-delete')).toBeNull();
    expect(byId(el, 'detail')).not.toBeNull(); // still on the session
    expect(document.activeElement).toBe(byId(el, 'delete-session'));

    click(byId(el, 'detail-back'));
    await vi.waitFor(() => expect(rowIds(el)).toEqual(ids));
    expect(byId(el, 'delete-status')).toBeNull();
    expect(await getSession(kept)).not.toBeNull();
    expect(await stored()).toEqual(ids);
  });

  it("deletes only that host's sessions and says how many", async () => {
    const ids = await seed(7, true);
    const youtube = ids.filter((_, i) => i % 3 !== 0);
    const el = await openHistory(7);
    await openSession(el, ids[3] as string);

    const host = byId(el, 'delete-host');
    expect(host?.textContent).toBe('Delete all history for www.netflix.com');
    click(host);
    expect(document.activeElement).toBe(byId(el, 'confirm-delete'));
    click(byId(el, 'confirm-delete'));

    await vi.waitFor(() => expect(rowIds(el)).toEqual(youtube));
    expect(text(el, 'delete-status')).toBe('Deleted 3 sessions from www.netflix.com.');
    expect(await stored()).toEqual(youtube);
    for (const id of ids.filter((_, i) => i % 3 === 0)) expect(await getSession(id)).toBeNull();
  });

  it('deletes everything after a two-step confirmation and shows the empty state', async () => {
    await seed(3);
    const el = await openHistory(3);

    click(byId(el, 'delete-all'));
    expect(byId(el, 'delete-all-confirm')?.getAttribute('role')).toBe('alertdialog');
    expect(document.activeElement).toBe(byId(el, 'confirm-delete'));
    expect(await stored()).toHaveLength(3);

    click(byId(el, 'confirm-delete'));
    await vi.waitFor(() => expect(byId(el, 'history-empty')).not.toBeNull());
    expect(allById(el, 'history-row')).toHaveLength(0);
    expect(text(el, 'delete-status')).toBe('Deleted all history.');
    expect(byId(el, 'delete-all')).toBeNull(); // nothing left to delete
    expect(await stored()).toEqual([]);
    expect(await storageStatus()).toBeNull();
  });

  it('cancelling "delete everything" keeps the whole history', async () => {
    const ids = await seed(2);
    const el = await openHistory(2);
    click(byId(el, 'delete-all'));
    click(byId(el, 'cancel-delete'));
    expect(byId(el, 'confirm-delete')).toBeNull();
    expect(rowIds(el)).toEqual(ids);
    expect(await stored()).toEqual(ids);
  });
});

describe('SessionDetailView delete failures', () => {
  it('shows a failed delete as an alert and stays on the session, ready to try again', async () => {
    const onBack = vi.fn();
    const attempts: string[] = [];
    const onDeleteSession = vi.fn(() => {
      attempts.push('session');
      return Promise.reject(new Error('UnknownError: disk I/O'));
    });
    const el = mount(
      <SessionDetailView
        load={{ status: 'ready', detail: { session: session('failing-session'), samples: [], events: [] } }}
        onBack={onBack}
        onDeleteSession={onDeleteSession}
      />,
    );
    click(byId(el, 'delete-session'));
    click(byId(el, 'confirm-delete'));
    await vi.waitFor(() => expect(byId(el, 'delete-error')).not.toBeNull());
    const alert = byId(el, 'delete-error');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(alert?.textContent).toContain('Nothing was deleted');
    expect(alert?.textContent).toContain('disk I/O');
    expect(onBack).not.toHaveBeenCalled();
    expect(byId(el, 'detail')).not.toBeNull();
    expect(byId(el, 'delete-host')).toBeNull(); // not offered without a handler

    // Still confirmable: a second try is another call, not a stuck "Deleting…".
    expect((byId(el, 'confirm-delete') as HTMLButtonElement).disabled).toBe(false);
    click(byId(el, 'confirm-delete'));
    await vi.waitFor(() => expect(attempts).toEqual(['session', 'session']));
    await vi.waitFor(() => expect((byId(el, 'confirm-delete') as HTMLButtonElement).disabled).toBe(false));
    expect(byId(el, 'delete-error')).not.toBeNull();
    pressEscape(byId(el, 'confirm-delete'));
    await vi.waitFor(() => expect(byId(el, 'confirm-delete')).toBeNull());
    expect(onBack).not.toHaveBeenCalled();
  });

  it('passes the page host to the site delete', async () => {
    const onDeleteHost = vi.fn(() => Promise.resolve());
    const el = mount(
      <SessionDetailView
        load={{
          status: 'ready',
          detail: { session: session('host-session', NETFLIX), samples: [], events: [] },
        }}
        onBack={() => {}}
        onDeleteHost={onDeleteHost}
      />,
    );
    click(byId(el, 'delete-host'));
    click(byId(el, 'confirm-delete'));
    await vi.waitFor(() => expect(onDeleteHost).toHaveBeenCalledWith('www.netflix.com'));
  });
});
