/**
 * Gathers what an export covers from the history store. The store is passed in (the pages pass
 * utils/db's functions; tests pass a fake-indexeddb store), so this holds no IO of its own and never writes.
 */
import { serviceKey } from '../analysis/history';
import type { ListOptions, SessionDetail, SessionPage, StoredSession } from '../db';
import type { SessionInput } from './record';
import type { Selection } from './scope';

export interface HistoryReader {
  listSessions(opts: ListOptions): Promise<SessionPage>;
  getSession(id: string): Promise<SessionDetail | null>;
}

export const MAX_EXPORT_SESSIONS = 5000;
/** Other services count as "at the same time" within this margin of a subject session. */
export const COMPARISON_MARGIN_MIN = 60;

export interface Loaded {
  subjects: SessionInput[];
  comparisons: SessionInput[];
  /** Ids asked for that are not (or no longer) stored. */
  missing: string[];
  /** True when the range held more than MAX_EXPORT_SESSIONS sessions and only the newest were taken. */
  truncated: boolean;
}

async function listAll(reader: HistoryReader, opts: ListOptions, max: number) {
  const rows: StoredSession[] = [];
  let before: ListOptions['before'];
  for (;;) {
    const page = await reader.listSessions({ ...opts, limit: 500, ...(before ? { before } : {}) });
    rows.push(...page.sessions);
    if (rows.length >= max) return { rows: rows.slice(0, max), truncated: rows.length > max || !!page.next };
    if (!page.next) return { rows, truncated: false };
    before = page.next;
  }
}

const endOf = (s: StoredSession) => Math.max(s.startedAt, s.endedAt ?? s.agg.lastT);

/** Sessions of other services that overlap any subject session widened by `marginMs`. */
export function pickComparisons(
  subjects: readonly StoredSession[],
  candidates: readonly StoredSession[],
  marginMs: number,
): StoredSession[] {
  const ids = new Set(subjects.map((s) => s.id));
  const services = new Set(subjects.map(serviceKey));
  const windows = subjects.map((s) => [s.startedAt - marginMs, endOf(s) + marginMs] as const);
  return candidates.filter(
    (c) =>
      !ids.has(c.id) &&
      !services.has(serviceKey(c)) &&
      windows.some(([a, b]) => c.startedAt <= b && endOf(c) >= a),
  );
}

async function details(reader: HistoryReader, ids: readonly string[], onProgress?: (n: number) => void) {
  const found: SessionInput[] = [];
  const missing: string[] = [];
  for (const [i, id] of ids.entries()) {
    const d = await reader.getSession(id);
    if (d) found.push(d);
    else missing.push(id);
    onProgress?.(i + 1);
  }
  return { found, missing };
}

export interface LoadOptions {
  /** Add other services' sessions at the same times (complaints). */
  comparisonMarginMin?: number;
  onProgress?: (done: number, total: number) => void;
}

export async function loadSelection(
  reader: HistoryReader,
  sel: Selection,
  opts: LoadOptions = {},
): Promise<Loaded> {
  let ids: string[];
  let truncated = false;
  if (sel.kind === 'sessions') ids = sel.ids;
  else {
    const listed = await listAll(
      reader,
      {
        ...(sel.from !== null ? { from: sel.from } : {}),
        ...(sel.to !== null ? { to: sel.to } : {}),
        ...(sel.service !== null ? { service: sel.service } : {}),
      },
      MAX_EXPORT_SESSIONS,
    );
    ids = listed.rows.map((s) => s.id);
    truncated = listed.truncated;
  }
  const subj = await details(reader, ids, (n) => opts.onProgress?.(n, ids.length));
  let comparisons: SessionInput[] = [];
  if (opts.comparisonMarginMin !== undefined && subj.found.length > 0) {
    const marginMs = opts.comparisonMarginMin * 60_000;
    const metas = subj.found.map((d) => d.session);
    const from = Math.min(...metas.map((s) => s.startedAt)) - marginMs;
    const to = Math.max(...metas.map(endOf)) + marginMs + 1;
    // Candidates may start before `from` and still overlap: look one margin further back.
    const near = await listAll(reader, { from: from - marginMs, to }, MAX_EXPORT_SESSIONS);
    const picked = pickComparisons(metas, near.rows, marginMs).map((s) => s.id);
    comparisons = (await details(reader, picked)).found;
  }
  return { subjects: subj.found, comparisons, missing: subj.missing, truncated };
}
