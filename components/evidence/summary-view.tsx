import type { EvidenceFile } from '@/utils/evidence/schema';
import type { ServiceTotals, Totals } from '@/utils/evidence/totals';
import { formatDuration, formatKbps, formatPercent } from '@/utils/metrics/format';

export interface SummaryViewProps {
  totals: Totals;
  byService: ServiceTotals[];
  subscriber: EvidenceFile['subscriber'];
}

const stamp = (iso: string | null) =>
  iso ? `${iso.slice(0, 16).replace('T', ' ')} (UTC${iso.slice(-6)})` : '—';

/** The headline figures of an export, and the per-service split the same-time comparison rests on. */
export function SummaryView({ totals: t, byService, subscriber }: SummaryViewProps) {
  return (
    <section aria-labelledby="summary-h" class="keep">
      <h2 id="summary-h">Summary</h2>
      <dl class="stats">
        <dt>Period</dt>
        <dd>
          {stamp(t.first)} – {stamp(t.last)}
        </dd>
        <dt>Sessions</dt>
        <dd data-testid="sum-sessions">
          {t.sessions} on {t.days} day{t.days === 1 ? '' : 's'} ({t.eveningSessions} starting 19:00–23:00)
        </dd>
        <dt>Watched</dt>
        <dd>{formatDuration(t.watchMs)}</dd>
        <dt>Stalls</dt>
        <dd data-testid="sum-stalls">
          {t.stallCount}, {formatDuration(t.stallMs)} in total ({formatPercent(t.rebufferFraction)} of
          watching time)
        </dd>
        <dt>Mean video bitrate</dt>
        <dd>{formatKbps(t.meanBitrateKbps)}</dd>
        <dt>Time at ≥ 720p</dt>
        <dd>{formatPercent(t.share720)}</dd>
        <dt>Segment throughput</dt>
        <dd>{formatKbps(t.meanThroughputKbps)}</dd>
        <dt>ISP (as you stated it)</dt>
        <dd>{subscriber.isp ?? 'not given'}</dd>
        <dt>Plan download speed (stated)</dt>
        <dd>{subscriber.planDownKbps === null ? 'not given' : formatKbps(subscriber.planDownKbps)}</dd>
      </dl>
      {byService.length > 1 && (
        <table class="data">
          <caption>By service</caption>
          <thead>
            <tr>
              <th>Service</th>
              <th class="num">Sessions</th>
              <th class="num">Watched</th>
              <th class="num">Stalls</th>
              <th class="num">Stall time</th>
              <th class="num">Mean bitrate</th>
              <th class="num">≥ 720p</th>
            </tr>
          </thead>
          <tbody>
            {byService.map(({ service, serviceName, totals: s }) => (
              <tr key={service}>
                <td>{serviceName}</td>
                <td class="num">{s.sessions}</td>
                <td class="num">{formatDuration(s.watchMs)}</td>
                <td class="num">{s.stallCount}</td>
                <td class="num">{formatDuration(s.stallMs)}</td>
                <td class="num">{formatKbps(s.meanBitrateKbps)}</td>
                <td class="num">{formatPercent(s.share720)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
