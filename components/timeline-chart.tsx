import { t, tn } from '@/utils/i18n';
import { formatDuration, formatKbps } from '@/utils/metrics/format';
import type { PlaybackEvent, Sample } from '@/utils/schema/playback';
import { linear, linePath, stepPath } from './chart-scale';
import { type TimelineData, type TimelinePoint, timelineData } from './timeline-data';

export interface TimelineChartProps {
  samples: readonly Sample[];
  events: readonly PlaybackEvent[];
  width?: number;
  height?: number;
  locale?: string;
}

const PAD = { l: 58, r: 40, t: 8, b: 18 };
/** Samples further apart than this leave a gap in the lines: nothing was recorded in between. */
const GAP_MS = 15_000;

/** The chart in words: its text alternative. */
export function timelineSummary(data: TimelineData, locale?: string): string {
  const brs = data.points.map((p) => p.br).filter((v): v is number => v !== null);
  const hs = data.points.map((p) => p.h).filter((h): h is number => h !== null);
  const stallMs = data.stalls.reduce((sum, e) => sum + e.durationMs, 0);
  const n = data.stalls.length;
  return [
    t('timelineOver', formatDuration(data.t1 - data.t0, locale)),
    brs.length
      ? t('timelineBitrate', formatKbps(Math.min(...brs), locale), formatKbps(Math.max(...brs), locale))
      : t('bitrateUnknown'),
    // Heights stay plain digits: "1080p" is a name, not a quantity.
    hs.length
      ? t('timelineResolution', String(Math.min(...hs)), String(Math.max(...hs)))
      : t('resolutionUnknown'),
    n ? tn('timelineStalls', n, formatDuration(stallMs, locale)) : t('timelineNoStalls'),
    ...(data.tpOffScale === null ? [] : [t('timelineThroughput', formatKbps(data.tpOffScale, locale))]),
  ].join('; ');
}

export function TimelineChart({ samples, events, width = 368, height = 168, locale }: TimelineChartProps) {
  const data = timelineData(samples, events, width - PAD.l - PAD.r);
  if (!data) {
    return (
      <p class="muted" data-testid="timeline-empty">
        {t('timelineEmpty')}
      </p>
    );
  }
  const { t0, t1, kTop, hTop } = data;
  const bottom = height - PAD.b;
  const x = linear(t0, t1, PAD.l, width - PAD.r);
  const yK = linear(0, kTop, bottom, PAD.t);
  const yH = linear(0, hTop, bottom, PAD.t);
  const gap = x(t0 + GAP_MS) - x(t0);
  const series = (v: (p: TimelinePoint) => number | null, y: (n: number) => number) =>
    data.points.map((p) => {
      const n = v(p);
      return [x(p.t), n === null ? null : y(n)] as const;
    });
  const brPath = linePath(
    series((p) => p.br, yK),
    gap,
  );
  // No request in an interval is not "no throughput": join the measured points (within the gap limit).
  const tpPath = linePath(
    series((p) => (p.tp === null ? null : Math.min(p.tp, kTop)), yK).filter(([, y]) => y !== null),
    gap,
  );
  const resPath = stepPath(
    series((p) => p.h, yH),
    gap,
  );
  const heights = data.points.map((p) => p.h).filter((h): h is number => h !== null);
  const labelled = heights.length ? [...new Set([Math.min(...heights), Math.max(...heights)])] : [];
  const summary = timelineSummary(data, locale);
  return (
    <figure class="timeline" data-testid="timeline">
      <svg role="img" aria-label={summary} viewBox={`0 0 ${width} ${height}`} width={width} height={height}>
        <title>{summary}</title>
        {data.stalls.map((e) => (
          <rect
            key={e.seq}
            class="stall-band"
            data-testid="timeline-stall"
            x={x(e.t)}
            y={PAD.t}
            width={Math.max(2, x(e.t + e.durationMs) - x(e.t))}
            height={bottom - PAD.t}
          />
        ))}
        <line class="axis" x1={PAD.l} x2={width - PAD.r} y1={bottom} y2={bottom} />
        <line class="grid" x1={PAD.l} x2={width - PAD.r} y1={yK(kTop / 2)} y2={yK(kTop / 2)} />
        <path class="line-tp" d={tpPath} />
        <path class="line-res" d={resPath} />
        <path class="line-br" d={brPath} />
        <text class="tick" x={PAD.l - 4} y={PAD.t + 8} text-anchor="end">
          {formatKbps(kTop, locale)}
        </text>
        <text class="tick" x={PAD.l - 4} y={bottom} text-anchor="end">
          0
        </text>
        {labelled.map((h) => (
          <text key={h} class="tick tick-res" x={width - PAD.r + 4} y={yH(h) + 4}>
            {h}p
          </text>
        ))}
        <text class="tick" x={PAD.l} y={height - 4}>
          0:00
        </text>
        <text class="tick" x={width - PAD.r} y={height - 4} text-anchor="end">
          {formatDuration(t1 - t0, locale)}
        </text>
      </svg>
      <figcaption class="legend">
        <span class="key key-br">{t('legendBitrate')}</span>
        <span class="key key-tp">{t('legendThroughput')}</span>
        <span class="key key-res">{t('legendResolution')}</span>
        <span class="key key-stall">{t('legendStall')}</span>
        {data.tpOffScale !== null && (
          <span data-testid="timeline-tp-off-scale">
            {t('timelineTpOffScale', formatKbps(data.tpOffScale, locale))}
          </span>
        )}
      </figcaption>
    </figure>
  );
}
