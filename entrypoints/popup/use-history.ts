import { useCallback, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { dayRange } from '@/components/dates';
import { type HistoryFilterValue, NO_FILTER } from '@/components/history-filter';
import type { HistoryLoad } from '@/components/history-list';
import type { ListOptions, SessionCursor, SessionPage } from '@/utils/db';
import {
  deletionCount,
  FIRST_PAGE_SIZE,
  keepFirstPage,
  readFirstPageCopy,
} from '@/utils/messaging/first-page-cache';
import { errorText, historyClient, viewerOffsetMin } from './popup-data';

/** One page: the first render never reads more than this many session rows. */
export const PAGE_SIZE = FIRST_PAGE_SIZE;

export function listOptions(filter: HistoryFilterValue, offsetMin: number): ListOptions {
  return {
    limit: PAGE_SIZE,
    ...(filter.service ? { service: filter.service } : {}),
    ...dayRange(filter.fromDay, filter.toDay, offsetMin),
  };
}

/** A first page asked of the worker, and how many deletions had been seen when it was asked. */
interface Asked {
  page: Promise<SessionPage>;
  askedAt: number;
}

function ask(filter: HistoryFilterValue): Asked {
  return {
    page: historyClient.listSessions(listOptions(filter, viewerOffsetMin())),
    askedAt: deletionCount(),
  };
}

let prefetched: Asked | null = null;
/** The copy prefetchFirstPage read, for the first render (undefined: not read yet). */
let opening: SessionPage | null | undefined;

/**
 * Asks the worker for the unfiltered first page before the first render (the popup opened on the
 * history): the answer then arrives while Preact mounts instead of after. Used once.
 */
export function prefetchFirstPage(): void {
  // With a copy kept, the copy is painted first and the worker asked after it (see useHistory).
  opening = paintableCopy();
  if (opening) return;
  prefetched = ask(NO_FILTER);
  prefetched.page.catch(() => undefined);
}

function firstPage(filter: HistoryFilterValue, attempt: number): Asked {
  const early = prefetched;
  prefetched = null;
  if (early && attempt === 0 && filter === NO_FILTER) return early;
  return ask(filter);
}

/**
 * Deep equality of two JSON-like values, whatever the order of their keys (a page kept as JSON and the
 * same page from the worker need not list keys alike).
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return (
    ka.length === kb.length &&
    ka.every((k) => sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

/** The kept copy, if there is one worth painting: "no history yet" and then rows would be worse than the wait. */
export function paintableCopy(): SessionPage | null {
  const copy = readFirstPageCopy();
  return copy && copy.sessions.length > 0 ? copy : null;
}

const ready = (page: SessionPage): HistoryLoad => ({
  status: 'ready',
  sessions: page.sessions,
  hasMore: !!page.next,
  loadingMore: false,
});

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
 * starts again from the first page; answers to an older request are dropped. The unfiltered first page
 * is painted at once from the copy the popup kept of it last time (first-page-cache.ts), and the
 * worker's answer takes its place when it comes: the same rows, or the newer ones.
 */
export function useHistory(active: boolean): HistoryState {
  const [filter, setFilter] = useState<HistoryFilterValue>(NO_FILTER);
  const [attempt, setAttempt] = useState(0);
  // Opened on the history: the kept copy is the first render's state, so the first paint has its rows.
  const [openedOn] = useState(() => {
    const read = opening;
    opening = undefined;
    if (!active) return null;
    return read === undefined ? paintableCopy() : read;
  });
  const [load, setLoad] = useState<HistoryLoad>(openedOn ? ready(openedOn) : { status: 'loading' });
  const next = useRef<SessionCursor | undefined>(undefined);
  const generation = useRef(0);
  const loadedKey = useRef<string | null>(null);
  /** The rows shown are the kept copy, not yet the worker's answer, which will replace them. */
  const fromCopy = useRef(false);

  /** Asks the worker for the first page of request `mine` and shows its answer in place of the copy. */
  const askFirst = (mine: number, filter: HistoryFilterValue, attempt: number, shown: SessionPage | null) => {
    const unfiltered = filter === NO_FILTER;
    const asked = firstPage(filter, attempt);
    asked.page.then(
      (page) => {
        // Kept after this answer is on screen: writing it must not hold up the paint.
        if (unfiltered) setTimeout(() => keepFirstPage(page, asked.askedAt), 0);
        if (mine !== generation.current) return;
        fromCopy.current = false;
        // Usually nothing changed since the copy: the rows on screen stay, with no second render.
        if (shown && sameData(shown, page)) return;
        next.current = page.next;
        setLoad(ready(page));
      },
      (err: unknown) => {
        if (mine !== generation.current) return;
        // The copy stands only until the worker confirms it: its error takes the copy's place.
        fromCopy.current = false;
        setLoad({ status: 'error', message: errorText(err) });
      },
    );
  };

  // A layout effect, not an effect: Preact runs effects only after the next paint, which would hold a
  // page that has already arrived (the prefetch) until the empty list had been painted once.
  useLayoutEffect(() => {
    if (!active) return;
    const key = `${JSON.stringify(filter)}#${attempt}`;
    if (loadedKey.current === key) return;
    loadedKey.current = key;
    const mine = ++generation.current;
    const unfiltered = filter === NO_FILTER;
    // A retry (after an error) or a reload (after a deletion) waits for the worker.
    const first = mine === 1 && openedOn !== null;
    const shown = first ? openedOn : unfiltered && attempt === 0 ? paintableCopy() : null;
    fromCopy.current = shown !== null;
    next.current = shown?.next;
    // In a layout effect this renders again before the browser paints (the History tab opened later).
    if (!first) setLoad(shown ? ready(shown) : { status: 'loading' });
    // With the copy on screen the worker is asked once it has been painted: until then its answer
    // would only compete with the paint for the two threads that matter (the worker shares the
    // extension's process with this page).
    const ask = () => askFirst(mine, filter, attempt, shown);
    if (shown) requestAnimationFrame(() => setTimeout(() => mine === generation.current && ask(), 0));
    else ask();
  }, [active, filter, attempt]);

  const more = useCallback(() => {
    const before = next.current;
    // Rows added after the copy would be dropped when the worker's answer replaces it a moment later.
    if (load.status !== 'ready' || load.loadingMore || !before || fromCopy.current) return;
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
