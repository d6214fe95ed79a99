import type { SessionEvidence } from '@/utils/evidence/schema';
import { t } from '@/utils/i18n';
import { formatDuration, formatNumber } from '@/utils/metrics/format';

export interface StallsTableProps {
  sessions: SessionEvidence[];
  /** Rows shown; the rest are in the JSON and the stalls CSV. */
  limit?: number;
  locale?: string;
}

export function StallsTable({ sessions, limit = 400, locale }: StallsTableProps) {
  const rows = sessions.flatMap((s) => s.stalls.map((st) => ({ s, st })));
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="stalls-h">
      <h2 id="stalls-h">
        {t('statStalls')} ({formatNumber(rows.length, locale)})
      </h2>
      <table class="data" data-testid="stalls-table">
        <thead>
          <tr>
            <th>{t('colStart')}</th>
            <th>{t('filterService')}</th>
            <th class="num">{t('colDuration')}</th>
            <th>{t('colCause')}</th>
            <th class="num">{t('colBufferAhead')}</th>
            <th>{t('statTabHidden')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, limit).map(({ s, st }) => (
            <tr key={`${s.id}-${st.start}-${st.offsetMs}`}>
              <td>{st.start.replace('T', ' ')}</td>
              <td>{s.serviceName}</td>
              <td class="num">{formatDuration(st.durationMs, locale)}</td>
              {/* The cause code, as in the JSON and CSV files. */}
              <td>{st.cause}</td>
              <td class="num">{formatNumber(st.bufferAheadS, locale, 2)} s</td>
              <td>{st.tabHidden ? t('yes') : t('no')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > limit && <p class="muted">{t('stallsShowing', limit, rows.length)}</p>}
    </section>
  );
}
