/**
 * What an evidence page is asked to cover, from its query string, and back. Query params:
 *   session=<id> | sessions=<id>,<id>…     specific sessions
 *   from=YYYY-MM-DD&to=YYYY-MM-DD           local days, both inclusive (or epoch ms: from ≤ t < to)
 *   days=N                                  the last N days (ignored when from or to is given)
 *   service=netflix                         only this service (with a range)
 *   all=1                                   everything stored (with service=, everything of one service)
 * No parameter at all means the last DEFAULT_DAYS days.
 */
import { Service, SessionId } from '../schema/playback';
import { MAX_IDS } from './limits';
import type { Scope } from './schema';
import { isoWithOffset, localDay, parseLocalDay } from './time';

export const DEFAULT_DAYS = 30;
export { MAX_IDS };

const DAY_MS = 86_400_000;

export type Selection =
  | { kind: 'sessions'; ids: string[] }
  | { kind: 'range'; from: number | null; to: number | null; service: Service | null };

export type SelectionResult = { ok: true; selection: Selection } | { ok: false; message: string };

function bound(raw: string | null, offsetMin: number, end: boolean): number | null | undefined {
  if (raw === null || raw === '') return null;
  if (/^\d{1,15}$/.test(raw)) return Number(raw);
  const day = parseLocalDay(raw, offsetMin);
  if (day === null) return undefined;
  return end ? day + DAY_MS : day;
}

export function parseSelection(params: URLSearchParams, now: number, offsetMin: number): SelectionResult {
  const idsRaw = params.get('sessions') ?? params.get('session');
  if (idsRaw !== null) {
    const ids = [
      ...new Set(
        idsRaw
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ];
    if (ids.length === 0) return { ok: false, message: 'No session id was given.' };
    if (ids.length > MAX_IDS)
      return { ok: false, message: `At most ${MAX_IDS} sessions can be listed by id.` };
    const bad = ids.find((id) => !SessionId.safeParse(id).success);
    if (bad !== undefined) return { ok: false, message: `“${bad.slice(0, 80)}” is not a session id.` };
    return { ok: true, selection: { kind: 'sessions', ids } };
  }
  const serviceRaw = params.get('service');
  let service: Service | null = null;
  if (serviceRaw !== null && serviceRaw !== '') {
    const p = Service.safeParse(serviceRaw);
    if (!p.success) return { ok: false, message: `“${serviceRaw.slice(0, 40)}” is not a known service.` };
    service = p.data;
  }
  if (params.get('all') === '1')
    return { ok: true, selection: { kind: 'range', from: null, to: null, service } };
  const from = bound(params.get('from'), offsetMin, false);
  const to = bound(params.get('to'), offsetMin, true);
  if (from === undefined) return { ok: false, message: '“from” must be a date like 2026-11-01.' };
  if (to === undefined) return { ok: false, message: '“to” must be a date like 2026-11-25.' };
  if (from !== null && to !== null && to <= from) {
    return { ok: false, message: '“to” must not be before “from”.' };
  }
  if (from === null && to === null) {
    const daysRaw = Number(params.get('days') ?? DEFAULT_DAYS);
    const days = Number.isInteger(daysRaw) && daysRaw > 0 && daysRaw <= 3660 ? daysRaw : DEFAULT_DAYS;
    return { ok: true, selection: { kind: 'range', from: now - days * DAY_MS, to: null, service } };
  }
  return { ok: true, selection: { kind: 'range', from, to, service } };
}

/** The query string (without '?') that selects the same thing. */
export function selectionQuery(sel: Selection): string {
  const p = new URLSearchParams();
  if (sel.kind === 'sessions') p.set('sessions', sel.ids.join(','));
  else {
    if (sel.from === null && sel.to === null) p.set('all', '1');
    if (sel.from !== null) p.set('from', String(Math.round(sel.from)));
    if (sel.to !== null) p.set('to', String(Math.round(sel.to)));
    if (sel.service !== null) p.set('service', sel.service);
  }
  return p.toString();
}

export function scopeOf(sel: Selection, offsetMin: number, comparisonMarginMin: number | null = null): Scope {
  if (sel.kind === 'sessions') {
    return {
      kind: 'sessions',
      sessionIds: sel.ids,
      service: null,
      from: null,
      to: null,
      comparisonMarginMin,
    };
  }
  const iso = (t: number | null) => (t === null ? null : isoWithOffset(t, offsetMin));
  return {
    kind: sel.from === null && sel.to === null ? 'all' : 'range',
    sessionIds: null,
    service: sel.service,
    from: iso(sel.from),
    to: iso(sel.to),
    comparisonMarginMin,
  };
}

/** 'Netflix, 2026-11-01 – 2026-11-24' style words for headings. */
export function describeSelection(sel: Selection, offsetMin: number, serviceLabel?: string): string {
  if (sel.kind === 'sessions') return sel.ids.length === 1 ? 'One session' : `${sel.ids.length} sessions`;
  const who = serviceLabel ?? 'All services';
  if (sel.from === null && sel.to === null) return `${who}, everything recorded`;
  const from = sel.from === null ? 'the start' : localDay(sel.from, offsetMin);
  // `to` is exclusive: the last day shown is the one before it.
  const to = sel.to === null ? 'now' : localDay(sel.to - 1, offsetMin);
  return `${who}, ${from} – ${to}`;
}
