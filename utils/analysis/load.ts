/**
 * Reads the sessions a comparison needs from a history reader (the store, or the worker's answers) and
 * runs `compareServices` on them. The only part of utils/analysis that does I/O, and only through the
 * reader it is given.
 */
import type { ListOptions, SessionDetail, SessionPage } from '../db';
import { type CompareOptions, compareServices } from './compare';
import { MAX_COMPARE_SESSIONS } from './limits';
import { type ComparisonSummary, summarize } from './summary';

export interface CompareReader {
  listSessions(options: ListOptions): Promise<SessionPage>;
  getSession(id: string): Promise<SessionDetail | null>;
}

export { COMPARE_DAYS, MAX_COMPARE_SESSIONS } from './limits';

const PAGE = 100;
const PARALLEL = 6;

export interface ComparisonResult {
  summary: ComparisonSummary;
  from: number;
  to: number;
  /** Sessions read (previews included; the analysis leaves previews out). */
  sessionsRead: number;
  /** More sessions were in the window than were read: the newest MAX_COMPARE_SESSIONS were. */
  truncated: boolean;
}

export async function loadComparison(
  reader: CompareReader,
  window: { from: number; to: number },
  options: CompareOptions & { maxSessions?: number } = {},
): Promise<ComparisonResult> {
  const { maxSessions = MAX_COMPARE_SESSIONS, ...compare } = options;
  const ids: string[] = [];
  let truncated = false;
  let page: SessionPage | null = null;
  do {
    page = await reader.listSessions({
      from: window.from,
      to: window.to,
      limit: PAGE,
      ...(page?.next ? { before: page.next } : {}),
    });
    for (const s of page.sessions) {
      if (ids.length >= maxSessions) {
        truncated = true;
        break;
      }
      ids.push(s.id);
    }
  } while (page.next && !truncated);
  const details: SessionDetail[] = [];
  for (let i = 0; i < ids.length; i += PARALLEL) {
    const got = await Promise.all(ids.slice(i, i + PARALLEL).map((id) => reader.getSession(id)));
    for (const d of got) if (d) details.push(d);
  }
  return {
    summary: summarize(compareServices(details, compare), compare.minSessions),
    from: window.from,
    to: window.to,
    sessionsRead: details.length,
    truncated,
  };
}
