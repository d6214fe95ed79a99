import type { SessionEvidence } from '@/utils/evidence/schema';
import { formatDuration } from '@/utils/metrics/format';

export interface StallsTableProps {
  sessions: SessionEvidence[];
  /** Rows shown; the rest are in the JSON and the stalls CSV. */
  limit?: number;
}

export function StallsTable({ sessions, limit = 400 }: StallsTableProps) {
  const rows = sessions.flatMap((s) => s.stalls.map((st) => ({ s, st })));
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="stalls-h">
      <h2 id="stalls-h">Stalls ({rows.length})</h2>
      <table class="data" data-testid="stalls-table">
        <thead>
          <tr>
            <th>Start</th>
            <th>Service</th>
            <th class="num">Duration</th>
            <th>Cause</th>
            <th class="num">Buffer ahead</th>
            <th>Tab hidden</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, limit).map(({ s, st }) => (
            <tr key={`${s.id}-${st.start}-${st.offsetMs}`}>
              <td>{st.start.replace('T', ' ')}</td>
              <td>{s.serviceName}</td>
              <td class="num">{formatDuration(st.durationMs)}</td>
              <td>{st.cause}</td>
              <td class="num">{st.bufferAheadS} s</td>
              <td>{st.tabHidden ? 'yes' : 'no'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > limit && (
        <p class="muted">
          Showing {limit} of {rows.length} stalls; all are in the JSON file and the stalls CSV.
        </p>
      )}
    </section>
  );
}
