import type { SessionEvidence } from '@/utils/evidence/schema';
import { t, tn } from '@/utils/i18n';
import { formatDuration, formatKbps } from '@/utils/metrics/format';
import { isHd } from '@/utils/metrics/resolution';

export interface BitrateChartProps {
  session: SessionEvidence;
  /** Draw the bitrate scale up to at least this (to compare several sessions on one scale). */
  maxKbps?: number;
  locale?: string;
}

const W = 600;
const H = 90;
const STRIP = 8;
const MAX_BUCKETS = 300;

/**
 * Mean bitrate per bucket of session time (null where none was measured). Buckets are never shorter
 * than the 1 s sample interval: finer ones would leave every other bucket empty and break the line
 * into single points, which draw nothing.
 */
export function bucketed(session: SessionEvidence, durationMs: number): Array<number | null> {
  const n = Math.max(1, Math.min(MAX_BUCKETS, Math.floor(durationMs / 1000)));
  const sums = new Array<number>(n).fill(0);
  const counts = new Array<number>(n).fill(0);
  for (const row of session.samples.rows) {
    const br = row[2];
    if (br === null || row[1] !== 'playing') continue;
    const b = Math.min(n - 1, Math.floor((row[0] / durationMs) * n));
    sums[b] = (sums[b] ?? 0) + br;
    counts[b] = (counts[b] ?? 0) + 1;
  }
  return sums.map((s, i) => ((counts[i] ?? 0) > 0 ? s / (counts[i] ?? 1) : null));
}

/** Runs of [fromMs, toMs, hd] from the per-second samples. */
function hdRuns(session: SessionEvidence): Array<[number, number, boolean]> {
  const runs: Array<[number, number, boolean]> = [];
  for (const row of session.samples.rows) {
    if (row[4] === 0) continue;
    const hd = isHd(row[4], row[5]);
    const last = runs.at(-1);
    if (last && last[2] === hd) last[1] = row[0] + 1000;
    else runs.push([row[0], row[0] + 1000, hd]);
  }
  return runs;
}

/** Bitrate over the session, stalls as red bands, and a strip: green at ≥ 720p, amber below. */
export function BitrateChart({ session, maxKbps = 0, locale }: BitrateChartProps) {
  const lastRow = session.samples.rows.at(-1);
  const durationMs = Math.max(1000, session.summary.watchMs, lastRow ? lastRow[0] + 1000 : 0);
  const buckets = bucketed(session, durationMs);
  const top = Math.max(maxKbps, ...buckets.map((b) => b ?? 0), 1);
  const x = (ms: number) => (ms / durationMs) * W;
  const y = (kbps: number) => H - (kbps / top) * (H - 4);
  let d = '';
  buckets.forEach((b, i) => {
    if (b === null) return;
    const px = ((i + 0.5) / buckets.length) * W;
    d += `${d === '' || buckets[i - 1] === null ? 'M' : 'L'}${px.toFixed(1)},${y(b).toFixed(1)}`;
  });
  const stalls = tn('stalls', session.summary.stallCount);
  const mean = formatKbps(session.summary.meanBitrateKbps, locale);
  const label = t('chartSessionLabel', session.serviceName, session.start, stalls, mean);
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${W} ${H + STRIP + 14}`} role="img" aria-label={label}>
        <rect x="0" y="0" width={W} height={H} class="plot" />
        {session.stalls.map((s) => (
          <rect
            key={s.start}
            x={x(s.offsetMs)}
            y="0"
            width={Math.max(1.5, x(s.durationMs))}
            height={H}
            class="stall"
          />
        ))}
        {d !== '' && <path d={d} class="line" />}
        {session.samples.rows.length === 0 && (
          <text x={W / 2} y={H / 2} text-anchor="middle" class="axis">
            {t('chartNoSamples')}
          </text>
        )}
        {hdRuns(session).map(([a, b, hd]) => (
          <rect
            key={a}
            x={x(a)}
            y={H + 2}
            width={Math.max(0.5, x(b) - x(a))}
            height={STRIP - 2}
            class={hd ? 'hd' : 'sd'}
          />
        ))}
        <text x="2" y="11" class="axis">
          {formatKbps(top, locale)}
        </text>
        <text x="2" y={H + STRIP + 12} class="axis">
          0
        </text>
        <text x={W - 2} y={H + STRIP + 12} text-anchor="end" class="axis">
          {formatDuration(durationMs, locale)}
        </text>
      </svg>
      <figcaption>
        {session.serviceName} · {session.start.slice(0, 16).replace('T', ' ')} · {stalls} ·{' '}
        {t('chartMean', mean)}
      </figcaption>
    </figure>
  );
}
