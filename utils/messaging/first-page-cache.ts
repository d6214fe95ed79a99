/**
 * The history list's first page as the popup last received it from the worker, kept in the extension's
 * own localStorage so the next opening paints it synchronously, before the worker (awake or not) has
 * answered; the worker's answer then takes its place. Invariants: only the unfiltered first page is
 * kept; every deletion forgets it before it is sent (history-client.ts), so a deleted session is never
 * painted again; anything that is not a page this version wrote reads as none.
 */
import type { SessionCursor, SessionPage, StoredSession } from '@/utils/db';

export const FIRST_PAGE_KEY = 'streamwitness.historyFirstPage';
/** Bumped whenever the kept shape changes, so a copy written by another version is ignored. */
export const FIRST_PAGE_VERSION = 1;
/** The list's page size: what is kept is exactly `listSessions({ limit: FIRST_PAGE_SIZE })`. */
export const FIRST_PAGE_SIZE = 50;

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isCursor = (v: unknown): v is SessionCursor =>
  isObject(v) && isNumber(v.startedAt) && typeof v.id === 'string';

/** What the list's rows read before anything else; the worker parsed every row with StoredSession. */
const isRow = (v: unknown): v is StoredSession =>
  isObject(v) &&
  typeof v.id === 'string' &&
  typeof v.service === 'string' &&
  typeof v.pageHost === 'string' &&
  isNumber(v.startedAt) &&
  isNumber(v.tzOffsetMin) &&
  isObject(v.agg);

/**
 * The kept copy as a page, or null. A hand check, not zod: the popup stays without a schema library,
 * the rows were validated by the worker before the popup kept them, and the storage is the extension's
 * own (no page can write it); only a copy from another version, or a damaged one, could differ.
 */
export function pageFromCopy(raw: unknown): SessionPage | null {
  if (!isObject(raw) || raw.v !== FIRST_PAGE_VERSION || !isObject(raw.page)) return null;
  const { sessions, next } = raw.page;
  if (!Array.isArray(sessions) || sessions.length > FIRST_PAGE_SIZE || !sessions.every(isRow)) return null;
  if (next !== undefined && !isCursor(next)) return null;
  return { sessions, ...(next ? { next: { startedAt: next.startedAt, id: next.id } } : {}) };
}

/** Where the copy lives: the page's localStorage (extension pages only; the worker has none). */
function store(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The kept first page, read synchronously; null when there is none or it is not a valid one. */
export function readFirstPageCopy(): SessionPage | null {
  try {
    const raw = store()?.getItem(FIRST_PAGE_KEY);
    return raw ? pageFromCopy(JSON.parse(raw)) : null;
  } catch {
    return null;
  }
}

/**
 * Counts the deletions this page has seen: here, or in another extension page (the browser tells the
 * others through the `storage` event). A page read before one must not be kept after it.
 */
let deletions = 0;
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key === FIRST_PAGE_KEY && e.newValue === null) deletions++;
  });
}

/** To pass to keepFirstPage: taken when the page is asked for. */
export const deletionCount = (): number => deletions;

/**
 * Keeps the worker's answer for the next opening, unless a deletion came after `askedAt` (the
 * answer may still hold what was deleted). A full or refused storage only costs the head start.
 */
export function keepFirstPage(page: SessionPage, askedAt: number): void {
  if (askedAt !== deletions) return;
  try {
    store()?.setItem(FIRST_PAGE_KEY, JSON.stringify({ v: FIRST_PAGE_VERSION, page }));
  } catch {
    forgetFirstPage();
  }
}

export function forgetFirstPage(): void {
  deletions++;
  try {
    store()?.removeItem(FIRST_PAGE_KEY);
  } catch {
    // Nothing kept, or nothing to keep it in.
  }
}
