import type { EvidenceFile } from '@/utils/evidence/schema';
import type { ServiceTotals, Totals } from '@/utils/evidence/totals';
import { t, tn } from '@/utils/i18n';
import { formatDuration, formatKbps, formatNumber, formatPercent } from '@/utils/metrics/format';

export interface SummaryViewProps {
  totals: Totals;
  byService: ServiceTotals[];
  /** Services present only as same-time comparisons: the totals above leave them out, the table says so. */
  comparisons?: ReadonlySet<string>;
  subscriber: EvidenceFile['subscriber'];
  locale?: string;
}

const stamp = (iso: string | null) =>
  iso ? `${iso.slice(0, 16).replace('T', ' ')} (UTC${iso.slice(-6)})` : '—';

/** The headline figures of an export, and the per-service split the same-time comparison rests on. */
export function SummaryView({ totals: tt, byService, comparisons, subscriber, locale }: SummaryViewProps) {
  const dur = (ms: number | null) => formatDuration(ms, locale);
  const kbps = (v: number | null) => formatKbps(v, locale);
  const pct = (f: number | null) => formatPercent(f, locale);
  return (
    <section aria-labelledby="summary-h" class="keep">
      <h2 id="summary-h">{t('summaryHeading')}</h2>
      <dl class="stats">
        <dt>{t('sumPeriod')}</dt>
        <dd>
          {stamp(tt.first)} – {stamp(tt.last)}
        </dd>
        <dt>{t('sumSessions')}</dt>
        <dd data-testid="sum-sessions">{tn('sumSessionsValue', tt.days, tt.sessions, tt.eveningSessions)}</dd>
        <dt>{t('sumWatched')}</dt>
        <dd>{dur(tt.watchMs)}</dd>
        <dt>{t('statStalls')}</dt>
        <dd data-testid="sum-stalls">
          {t('sumStallsValue', tt.stallCount, dur(tt.stallMs), pct(tt.rebufferFraction))}
        </dd>
        <dt>{t('sumMeanBitrate')}</dt>
        <dd>{kbps(tt.meanBitrateKbps)}</dd>
        <dt>{t('statTime720')}</dt>
        <dd>{pct(tt.share720)}</dd>
        <dt>{t('sumThroughput')}</dt>
        <dd>{kbps(tt.meanThroughputKbps)}</dd>
        <dt>{t('sumIsp')}</dt>
        <dd>{subscriber.isp ?? t('notGiven')}</dd>
        <dt>{t('sumPlan')}</dt>
        <dd>{subscriber.planDownKbps === null ? t('notGiven') : kbps(subscriber.planDownKbps)}</dd>
      </dl>
      {byService.length > 1 && (
        <table class="data">
          <caption>{t('byService')}</caption>
          <thead>
            <tr>
              <th>{t('filterService')}</th>
              <th class="num">{t('sumSessions')}</th>
              <th class="num">{t('sumWatched')}</th>
              <th class="num">{t('statStalls')}</th>
              <th class="num">{t('statStallTime')}</th>
              <th class="num">{t('statMeanBitrate')}</th>
              <th class="num">≥&nbsp;720p</th>
            </tr>
          </thead>
          <tbody>
            {byService.map(({ service, serviceName, totals: s }) => (
              <tr key={service}>
                <td>
                  {serviceName}
                  {comparisons?.has(service) && <span class="muted"> ({t('roleComparison')})</span>}
                </td>
                <td class="num">{formatNumber(s.sessions, locale)}</td>
                <td class="num">{dur(s.watchMs)}</td>
                <td class="num">{formatNumber(s.stallCount, locale)}</td>
                <td class="num">{dur(s.stallMs)}</td>
                <td class="num">{kbps(s.meanBitrateKbps)}</td>
                <td class="num">{pct(s.share720)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
