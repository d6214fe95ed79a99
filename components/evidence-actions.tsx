import { MAX_IDS } from '@/utils/evidence/limits';
import { t } from '@/utils/i18n';
import { serviceName } from '@/utils/sites';
import type { HistoryFilterValue } from './history-filter';

/** The two evidence pages the popup opens: the printable report (with the JSON/CSV downloads) and the complaint draft. */
export type EvidencePage = 'report' | 'complaint';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The evidence pages' query string (the format utils/evidence/scope.ts parseSelection reads) for what
 * the history filter shows: its service and local days, both inclusive, or everything. Null when the
 * range is reversed and so selects nothing. Built here, without zod, to keep it out of the popup.
 */
export function filterQuery(f: HistoryFilterValue): string | null {
  const from = DAY.test(f.fromDay) ? f.fromDay : '';
  const to = DAY.test(f.toDay) ? f.toDay : '';
  if (from && to && from > to) return null;
  const q = new URLSearchParams();
  if (!from && !to) q.set('all', '1');
  if (from) q.set('from', from);
  if (to) q.set('to', to);
  if (f.service) q.set('service', f.service);
  return q.toString();
}

export const sessionQuery = (id: string) => new URLSearchParams({ session: id }).toString();

/**
 * `sessions=a,b,c` for sessions picked one by one (commas left bare: parseSelection splits on them and
 * ids never contain one). Null when there is nothing to send or more than the pages accept.
 */
export function sessionsQuery(ids: readonly string[]): string | null {
  if (ids.length === 0 || ids.length > MAX_IDS) return null;
  return `sessions=${ids.map(encodeURIComponent).join(',')}`;
}

/** 'Netflix, 2026-11-01 – 2026-11-25', 'all services, everything recorded': what the buttons cover. */
export function describeFilter(f: HistoryFilterValue): string {
  const who = f.service ? serviceName(f.service) : t('scopeAllServices');
  const from = DAY.test(f.fromDay) ? f.fromDay : '';
  const to = DAY.test(f.toDay) ? f.toDay : '';
  if (!from && !to) return t('scopeEverything', who);
  if (from && to) return from === to ? `${who}, ${from}` : `${who}, ${from} – ${to}`;
  return from ? t('scopeFrom', who, from) : t('scopeUpTo', who, to);
}

export interface EvidenceActionsProps {
  filter: HistoryFilterValue;
  /** Opens that page in a new tab for the query given. */
  onOpen: (page: EvidencePage, query: string) => void;
}

/** Under the history list: export or complain about exactly what the filter shows. */
export function EvidenceActions({ filter, onOpen }: EvidenceActionsProps) {
  const query = filterQuery(filter);
  if (query === null) return null;
  return (
    <section class="evidence-actions" aria-labelledby="evidence-h" data-testid="history-evidence">
      <h3 id="evidence-h">{t('evidenceHeading')}</h3>
      <p class="muted small" data-testid="evidence-scope">
        {describeFilter(filter)}
      </p>
      <div class="evidence-buttons">
        <button type="button" data-testid="history-export" onClick={() => onOpen('report', query)}>
          {t('exportEvidence')}
        </button>
        <button type="button" data-testid="history-complain" onClick={() => onOpen('complaint', query)}>
          {t('draftComplaint')}
        </button>
      </div>
    </section>
  );
}
