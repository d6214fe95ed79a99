import { useCallback, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { dayRange } from '@/components/dates';
import { type HistoryFilterValue, NO_FILTER } from '@/components/history-filter';
import type { HistoryLoad } from '@/components/history-list';
import type { ListOptions, SessionCursor, SessionPage } from '@/utils/db';
import { errorText, historyClient, viewerOffsetMin } from './popup-data';

/** One page: the first render never reads more than this many session rows. */
export const PAGE_SIZE = 50;

export function listOptions(filter: HistoryFilterValue, offsetMin: number): ListOptions {
  return {
    limit: PAGE_SIZE,
    ...(filter.service ? { service: filter.service } : {}),
    ...dayRange(filter.fromDay, filter.toDay, offsetMin),
  };
}

let prefetched: Promise<SessionPage> | null = null;

/**
 * Asks the worker for the unfiltered first page before the first render (the popup opened on the
 * history): the answer then arrives while Preact mounts instead of after. Used once.
 */
export function prefetchFirstPage(): void {
  prefetched = historyClient.listSessions(listOptions(NO_FILTER, viewerOffsetMin()));
  prefetched.catch(() => undefined);
}

function firstPage(filter: HistoryFilterValue, attempt: number): Promise<SessionPage> {
  const early = prefetched;
  prefetched = null;
  if (early && attempt === 0 && filter === NO_FILTER) return early;
  return historyClient.listSessions(listOptions(filter, viewerOffsetMin()));
}

export interface HistoryState {
  filter: HistoryFilterValue;
  setFilter: (f: HistoryFilterValue) => void;
  load: HistoryLoad;
  more: () => void;
  retry: () => void;
  /** Reads the list again from the first page (after a deletion), next time it is shown. */
  reload: () => void;
}

/**
 * The history list, one page at a time (cursor `next`). Nothing is read until the list is first shown;
 * after that it is kept, so opening a session and coming back does not reload it. A filter change
 * starts again from the first page; answers to an older request are dropped.
 */
export function useHistory(active: boolean): HistoryState {
  const [filter, setFilter] = useState<HistoryFilterValue>(NO_FILTER);
  const [attempt, setAttempt] = useState(0);
  const [load, setLoad] = useState<HistoryLoad>({ status: 'loading' });
  const next = useRef<SessionCursor | undefined>(undefined);
  const generation = useRef(0);
  const loadedKey = useRef<string | null>(null);

  // A layout effect, not an effect: Preact runs effects only after the next paint, which would hold a
  // page that has already arrived (the prefetch) until the empty list had been painted once.
  useLayoutEffect(() => {
    if (!active) return;
    const key = `${JSON.stringify(filter)}#${attempt}`;
    if (loadedKey.current === key) return;
    loadedKey.current = key;
    const mine = ++generation.current;
    setLoad({ status: 'loading' });
    firstPage(filter, attempt).then(
      (page) => {
        if (mine !== generation.current) return;
        next.current = page.next;
        setLoad({ status: 'ready', sessions: page.sessions, hasMore: !!page.next, loadingMore: false });
      },
      (err: unknown) => {
        if (mine === generation.current) setLoad({ status: 'error', message: errorText(err) });
      },
    );
  }, [active, filter, attempt]);

  const more = useCallback(() => {
    const before = next.current;
    if (load.status !== 'ready' || load.loadingMore || !before) return;
    const mine = generation.current;
    setLoad({ ...load, loadingMore: true, moreError: undefined });
    historyClient.listSessions({ ...listOptions(filter, viewerOffsetMin()), before }).then(
      (page) => {
        if (mine !== generation.current) return;
        next.current = page.next;
        setLoad((prev) =>
          prev.status === 'ready'
            ? {
                status: 'ready',
                sessions: [...prev.sessions, ...page.sessions],
                hasMore: !!page.next,
                loadingMore: false,
              }
            : prev,
        );
      },
      (err: unknown) => {
        if (mine !== generation.current) return;
        setLoad((prev) =>
          prev.status === 'ready' ? { ...prev, loadingMore: false, moreError: errorText(err) } : prev,
        );
      },
    );
  }, [load, filter]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const reload = useCallback(() => {
    // Drop the old rows at once, so a deleted session is never shown again, even for a frame.
    generation.current++;
    setLoad({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);
  return { filter, setFilter, load, more, retry, reload };
}
