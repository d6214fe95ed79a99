import type { SessionEvidence } from '@/utils/evidence/schema';
import { formatDuration, formatKbps, formatPercent, formatResolution } from '@/utils/metrics/format';

export interface SessionsTableProps {
  sessions: SessionEvidence[];
  /** recordHashes, index-aligned with `sessions` as in the file. */
  hashes: string[];
}

const fmtScore = (n: number | null) => (n === null ? '—' : Math.round(n).toString());

/** One row per record, in file order, with the first 8 hex digits of its chain hash. */
export function SessionsTable({ sessions, hashes }: SessionsTableProps) {
  return (
    <section aria-labelledby="sessions-h">
      <h2 id="sessions-h">Sessions</h2>
      <table class="data" data-testid="sessions-table">
        <thead>
          <tr>
            <th>#</th>
            <th>Start</th>
            <th>Service</th>
            <th class="num">Watched</th>
            <th class="num">Stalls</th>
            <th class="num">Stall time</th>
            <th class="num">Bitrate</th>
            <th class="num">≥ 720p</th>
            <th class="num">Max</th>
            <th class="num">Score</th>
            <th>Notes</th>
            <th>Hash</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s, i) => (
            <tr key={s.id} class={s.role === 'comparison' ? 'comparison' : undefined}>
              <td class="num">{i + 1}</td>
              <td>
                {s.start.slice(0, 16).replace('T', ' ')}
                <span class="muted"> {s.start.slice(-6)}</span>
              </td>
              <td>
                {s.serviceName}
                {s.role === 'comparison' && <span class="muted"> (comparison)</span>}
              </td>
              <td class="num">{formatDuration(s.summary.watchMs)}</td>
              <td class="num">{s.summary.stallCount}</td>
              <td class="num">{formatDuration(s.summary.stallMs)}</td>
              <td class="num">{formatKbps(s.summary.meanBitrateKbps)}</td>
              <td class="num">{formatPercent(s.summary.share720, undefined, 0)}</td>
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
