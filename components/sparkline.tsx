import { t } from '@/utils/i18n';
import type { LiveSnapshot } from '@/utils/messaging/worker-protocol';
import { formatKbps } from '@/utils/metrics/format';
import { linear, linePath, niceMax } from './chart-scale';

export interface SparklineProps {
  /** [wall ms, kbps | null, stalled 0/1], oldest first (LiveSnapshot.spark). */
  points: LiveSnapshot['spark'];
  width?: number;
  height?: number;
  locale?: string;
}

/** A point more than this after the previous one is a gap (paused, tab asleep), not a slope. */
const GAP_MS = 5_000;

/** What the sparkline shows, in words: the chart's text alternative. */
export function sparklineSummary(points: LiveSnapshot['spark'], locale?: string): string {
  const rates = points.map((p) => p[1]).filter((v): v is number => v !== null);
  const stalled = points.filter((p) => p[2] === 1).length;
  const first = points[0];
  const last = points.at(-1);
  const span = first && last ? Math.round((last[0] - first[0]) / 1000) : 0;
  const kbps = (v: number | null) => formatKbps(v, locale);
  const range =
    rates.length > 0
      ? t('sparkRange', kbps(Math.min(...rates)), kbps(Math.max(...rates)), kbps(last?.[1] ?? null))
      : t('bitrateUnknown');
  const stalls = stalled > 0 ? t('sparkStalled', stalled, points.length) : t('sparkNoStall');
  return t('sparkSummary', span, range, stalls);
}

export function Sparkline({ points, width = 368, height = 44, locale }: SparklineProps) {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last || points.length < 2) {
    return (
      <p class="muted spark-empty" data-testid="sparkline-empty">
        {t('sparkEmpty')}
      </p>
    );
  }
  const top = niceMax(Math.max(0, ...points.map((p) => p[1] ?? 0)));
  const x = linear(first[0], last[0], 1, width - 1);
  const y = linear(0, top, height - 2, 2);
  const gapX = x(first[0] + GAP_MS) - x(first[0]);
  const line = linePath(
    points.map((p) => [x(p[0]), p[1] === null ? null : y(p[1])] as const),
    gapX,
  );
  const summary = sparklineSummary(points, locale);
  return (
    <figure class="spark" data-testid="sparkline">
      <svg
        role="img"
        aria-label={summary}
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        preserveAspectRatio="none"
      >
        <title>{summary}</title>
        {points.map((p, i) => {
          if (p[2] !== 1) return null;
          const next = points[i + 1];
          const x0 = x(p[0]);
          const w = next ? Math.max(2, x(next[0]) - x0) : 2;
          return (
            <rect
              key={p[0]}
              class="stall-band"
              data-testid="spark-stall"
              x={x0}
              y={0}
              width={w}
              height={height}
            />
          );
        })}
        <path class="line-br" d={line} />
      </svg>
      <figcaption class="muted">
        {t('sparkCaption', Math.round((last[0] - first[0]) / 1000), formatKbps(top, locale))}
      </figcaption>
    </figure>
  );
}
