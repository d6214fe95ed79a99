import type { StoredSession } from '@/utils/db';
import {
  droppedRatio,
  meanBitrateKbps,
  meanThroughputKbps,
  meanUpscale,
  rebufferFraction,
  share720,
  share1080,
} from '@/utils/metrics/aggregate';
import { formatDuration, formatKbps, formatPercent, formatResolution, UNKNOWN } from '@/utils/metrics/format';

export interface StatsTableProps {
  session: StoredSession;
  locale?: string;
}

interface Row {
  id: string;
  label: string;
  text: string;
  /** The unformatted number, for tests that compare with stored data. */
  value: number | null;
}

export function statRows(s: StoredSession, locale?: string): Row[] {
  const a = s.agg;
  const pct = (f: number | null) => formatPercent(f, locale);
  const dropped = droppedRatio(a);
  const up = meanUpscale(a);
  const hidden = a.watchMs > 0 ? a.hiddenMs / a.watchMs : null;
  return [
    { id: 'duration', label: 'Watch time', text: formatDuration(a.watchMs, locale), value: a.watchMs },
    { id: 'playing', label: 'Playing time', text: formatDuration(a.playingMs, locale), value: a.playingMs },
    { id: 'startup', label: 'Startup', text: formatDuration(a.startupMs, locale), value: a.startupMs },
    { id: 'stalls', label: 'Stalls', text: String(a.stallCount), value: a.stallCount },
    { id: 'stall-time', label: 'Stall time', text: formatDuration(a.stallMs, locale), value: a.stallMs },
    { id: 'rebuffer', label: 'Rebuffering', text: pct(rebufferFraction(a)), value: rebufferFraction(a) },
    {
      id: 'bitrate',
      label: 'Mean bitrate',
      text: formatKbps(meanBitrateKbps(a), locale),
      value: meanBitrateKbps(a),
    },
    {
      id: 'throughput',
      label: 'Mean throughput',
      text: formatKbps(meanThroughputKbps(a), locale),
      value: meanThroughputKbps(a),
    },
    { id: 'hd', label: 'Time at ≥ 720p', text: pct(share720(a)), value: share720(a) },
    { id: 'fullhd', label: 'Time at ≥ 1080p', text: pct(share1080(a)), value: share1080(a) },
    {
      id: 'max-resolution',
      label: 'Highest resolution',
      text: formatResolution(a.maxW, a.maxH),
      value: a.maxH,
    },
    { id: 'drops', label: 'Resolution drops', text: String(a.resolutionDrops), value: a.resolutionDrops },
    {
      id: 'dropped-frames',
      label: 'Dropped frames',
      text: dropped === null ? UNKNOWN : `${pct(dropped)} (${a.droppedFrames} of ${a.totalFrames})`,
      value: dropped,
    },
    {
      id: 'upscale',
      label: 'Upscaling (mean / max)',
      text: up === null ? UNKNOWN : `${(1 + up).toFixed(2)}× / ${(1 + a.upMax).toFixed(2)}×`,
      value: up,
    },
    { id: 'hidden', label: 'Tab hidden', text: pct(hidden), value: hidden },
    { id: 'seeks', label: 'Seeks', text: String(a.seekCount), value: a.seekCount },
    {
      id: 'delivery',
      label: 'Delivery',
      text: `${s.delivery === 'mse' ? 'Adaptive (MSE)' : 'Progressive file'}${s.codec ? `, ${s.codec}` : ''}`,
      value: null,
    },
  ];
}

/** Every stored total of one session, one row each, with `detail-<id>` test ids on the values. */
export function StatsTable({ session, locale }: StatsTableProps) {
  return (
    <table class="stats-table" data-testid="detail-stats">
      <caption class="sr-only">Session statistics</caption>
      <tbody>
        {statRows(session, locale).map((r) => (
          <tr key={r.id}>
            <th scope="row">{r.label}</th>
            <td data-testid={`detail-${r.id}`} data-value={r.value ?? ''}>
              {r.text}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
