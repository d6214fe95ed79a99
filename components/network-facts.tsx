/**
 * Where a session's video came from and what its player said about it: the serving host (from Resource
 * Timing: the CDN node or name that served most bytes), and the CMCD keys the player sent, if any. A
 * last-mile problem slows every host; an interconnection problem slows one.
 */
import { cmcdTopKbps, servingHost } from '@/utils/analysis/history';
import type { SessionDetail } from '@/utils/db';
import { t, tn } from '@/utils/i18n';
import { formatKbps, formatPercent } from '@/utils/metrics/format';
import type { CmcdEvent } from '@/utils/schema/playback';

export function cmcdFacts(events: SessionDetail['events']) {
  const cmcd = events.filter((e): e is CmcdEvent => e.kind === 'cmcd');
  if (cmcd.length === 0) return null;
  const mtp = cmcd.filter((e) => e.mtp !== undefined).map((e) => e.mtp as number);
  return {
    topKbps: cmcdTopKbps(cmcd),
    lastMtpKbps: mtp.length > 0 ? (mtp[mtp.length - 1] as number) : null,
    starvations: cmcd.filter((e) => e.bs === true).length,
  };
}

export function NetworkFacts({ events, locale }: { events: SessionDetail['events']; locale?: string }) {
  const host = servingHost(events);
  const cmcd = cmcdFacts(events);
  if (!host && !cmcd) return null;
  return (
    <dl class="stats" data-testid="detail-network">
      {host && (
        <>
          <dt>{t('detailServedBy')}</dt>
          <dd data-testid="detail-serving-host" data-host={host.host}>
            {host.host}{' '}
            <span class="muted">
              {t(
                host.by === 'bytes' ? 'detailServedShareBytes' : 'detailServedShareRequests',
                formatPercent(host.share, locale, 0),
              )}
            </span>
          </dd>
        </>
      )}
      {cmcd && (
        <>
          <dt>{t('detailCmcd')}</dt>
          <dd data-testid="detail-cmcd">
            {t('detailCmcdTop', formatKbps(cmcd.topKbps, locale))};{' '}
            {t('detailCmcdMtp', formatKbps(cmcd.lastMtpKbps, locale))};{' '}
            {tn('detailCmcdStarved', cmcd.starvations)}
          </dd>
        </>
      )}
    </dl>
  );
}
