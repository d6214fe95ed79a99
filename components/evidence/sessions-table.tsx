import type { SessionEvidence } from '@/utils/evidence/schema';
import { t } from '@/utils/i18n';
import {
  formatDuration,
  formatKbps,
  formatNumber,
  formatPercent,
  formatResolution,
} from '@/utils/metrics/format';

export interface SessionsTableProps {
  sessions: SessionEvidence[];
  /** recordHashes, index-aligned with `sessions` as in the file. */
  hashes: string[];
  locale?: string;
}

const fmtScore = (n: number | null) => (n === null ? '—' : Math.round(n).toString());

/** One row per record, in file order, with the first 8 hex digits of its chain hash. */
export function SessionsTable({ sessions, hashes, locale }: SessionsTableProps) {
  return (
    <section aria-labelledby="sessions-h">
      <h2 id="sessions-h">{t('sumSessions')}</h2>
      <table class="data" data-testid="sessions-table">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('colStart')}</th>
            <th>{t('filterService')}</th>
            <th class="num">{t('sumWatched')}</th>
            <th class="num">{t('statStalls')}</th>
            <th class="num">{t('statStallTime')}</th>
            <th class="num">{t('legendBitrate')}</th>
            <th class="num">≥&nbsp;720p</th>
            <th class="num">{t('colMax')}</th>
            <th class="num">{t('rowScore')}</th>
            <th>{t('colNotes')}</th>
            <th>{t('colHash')}</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s, i) => (
            <tr key={s.id} class={s.role === 'comparison' ? 'comparison' : undefined}>
              <td class="num">{formatNumber(i + 1, locale)}</td>
              <td>
                {s.start.slice(0, 16).replace('T', ' ')}
                <span class="muted"> {s.start.slice(-6)}</span>
              </td>
              <td>
                {s.serviceName}
                {s.role === 'comparison' && <span class="muted"> ({t('roleComparison')})</span>}
              </td>
              <td class="num">{formatDuration(s.summary.watchMs, locale)}</td>
              <td class="num">{formatNumber(s.summary.stallCount, locale)}</td>
              <td class="num">{formatDuration(s.summary.stallMs, locale)}</td>
              <td class="num">{formatKbps(s.summary.meanBitrateKbps, locale)}</td>
              <td class="num">{formatPercent(s.summary.share720, locale, 0)}</td>
              <td class="num">{formatResolution(s.summary.maxWidth, s.summary.maxHeight)}</td>
              <td class="num">{fmtScore(s.scores.overall)}</td>
              <td class="notes">{s.confounders.map((c) => c.code).join(', ')}</td>
              <td>
                <code>{hashes[i]?.slice(0, 8)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
