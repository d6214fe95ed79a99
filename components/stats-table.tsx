import type { StoredSession } from '@/utils/db';
import { t } from '@/utils/i18n';
import {
  droppedRatio,
  meanBitrateKbps,
  meanThroughputKbps,
  meanUpscale,
  rebufferFraction,
  share720,
  share1080,
} from '@/utils/metrics/aggregate';
import {
  formatDuration,
  formatKbps,
  formatNumber,
  formatPercent,
  formatResolution,
  UNKNOWN,
} from '@/utils/metrics/format';

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
  const num = (n: number, digits = 0) => formatNumber(n, locale, digits);
  return [
    { id: 'duration', label: t('statWatchTime'), text: formatDuration(a.watchMs, locale), value: a.watchMs },
    {
      id: 'playing',
      label: t('statPlayingTime'),
      text: formatDuration(a.playingMs, locale),
      value: a.playingMs,
    },
    { id: 'startup', label: t('statStartup'), text: formatDuration(a.startupMs, locale), value: a.startupMs },
    { id: 'stalls', label: t('statStalls'), text: num(a.stallCount), value: a.stallCount },
    {
      id: 'stall-time',
      label: t('statStallTime'),
      text: formatDuration(a.stallMs, locale),
      value: a.stallMs,
    },
    {
      id: 'rebuffer',
      label: t('statRebuffering'),
      text: pct(rebufferFraction(a)),
      value: rebufferFraction(a),
    },
    {
      id: 'bitrate',
      label: t('statMeanBitrate'),
      text: formatKbps(meanBitrateKbps(a), locale),
      value: meanBitrateKbps(a),
    },
    {
      id: 'throughput',
      label: t('statMeanThroughput'),
      text: formatKbps(meanThroughputKbps(a), locale),
      value: meanThroughputKbps(a),
    },
    { id: 'hd', label: t('statTime720'), text: pct(share720(a)), value: share720(a) },
    { id: 'fullhd', label: t('statTime1080'), text: pct(share1080(a)), value: share1080(a) },
    {
      id: 'max-resolution',
      label: t('statMaxResolution'),
      text: formatResolution(a.maxW, a.maxH),
      value: a.maxH,
    },
    { id: 'drops', label: t('statResolutionDrops'), text: num(a.resolutionDrops), value: a.resolutionDrops },
    {
      id: 'dropped-frames',
      label: t('statDroppedFrames'),
      text:
        dropped === null ? UNKNOWN : t('droppedFramesValue', pct(dropped), a.droppedFrames, a.totalFrames),
      value: dropped,
    },
    {
      id: 'upscale',
      label: t('statUpscaling'),
      text: up === null ? UNKNOWN : `${num(1 + up, 2)}× / ${num(1 + a.upMax, 2)}×`,
      value: up,
    },
    { id: 'hidden', label: t('statTabHidden'), text: pct(hidden), value: hidden },
    { id: 'seeks', label: t('statSeeks'), text: num(a.seekCount), value: a.seekCount },
    {
      id: 'delivery',
      label: t('statDelivery'),
      text: `${s.delivery === 'mse' ? t('deliveryMse') : t('deliveryFile')}${s.codec ? `, ${s.codec}` : ''}`,
      value: null,
    },
  ];
}

/** Every stored total of one session, one row each, with `detail-<id>` test ids on the values. */
export function StatsTable({ session, locale }: StatsTableProps) {
  return (
    <table class="stats-table" data-testid="detail-stats">
      <caption class="sr-only">{t('statsCaption')}</caption>
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
