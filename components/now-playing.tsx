import { type MessageKey, t } from '@/utils/i18n';
import type { LiveSnapshot } from '@/utils/messaging/worker-protocol';
import { formatDuration, formatKbps, formatNumber, formatResolution } from '@/utils/metrics/format';
import { resolutionClass } from '@/utils/metrics/resolution';
import type { Aggregates } from '@/utils/schema/playback';
import { serviceName } from '@/utils/sites';
import { ScoreList } from './score-list';
import { scoresOf } from './session-scores';
import { Sparkline } from './sparkline';

export interface NowPlayingProps {
  live: LiveSnapshot | null;
  /** Wall clock of this render, to tell a stale snapshot. */
  now: number;
  /** Stored totals of the live session (scores come from what is saved); null before the first save. */
  saved?: Aggregates | null;
  /** Why the saved totals could not be read (the scores then say so). */
  savedError?: string | null;
  /** Set when the current site is not watched: offers to watch it. */
  notWatched?: NotWatched | null;
  locale?: string;
}

const STATE_WORDS: Record<LiveSnapshot['state'], MessageKey> = {
  playing: 'statePlaying',
  stalled: 'stateStalled',
  paused: 'statePaused',
  seeking: 'stateSeeking',
  startup: 'stateStartup',
  ended: 'stateEnded',
};

/** Without news for this long the numbers are shown as possibly out of date. */
export const STALE_MS = 10_000;

export interface NotWatched {
  host: string;
  onWatch: () => void;
  /** A named service whose access the user took away in the browser's settings (Firefox allows it). */
  revoked?: boolean;
  /** The request is out (the browser may be showing its prompt). */
  busy?: boolean;
  /** Why the last request did not turn the site on. */
  error?: string | null;
}

export function WatchSite({ host, onWatch, revoked = false, busy = false, error = null }: NotWatched) {
  // The host stays bold wherever the language puts it in the sentence.
  const MARK = '\u0001';
  const [before, after] = t('notWatching', MARK).split(MARK);
  return (
    <div class="note" data-testid="not-watched">
      <p>
        {before}
        <strong>{host || t('thisSite')}</strong>
        {after}
        {revoked && ` ${t('notWatchingRevoked')}`}
      </p>
      <button type="button" class="primary" data-testid="watch-site" onClick={onWatch} disabled={busy}>
        {t('watchSite')}
      </button>
      {busy && (
        <p class="muted small" role="status">
          {t('watchWaiting')}
        </p>
      )}
      {error && (
        <p class="small" role="alert" data-testid="watch-error">
          {error}
        </p>
      )}
    </div>
  );
}

export function NowPlaying({
  live,
  now,
  saved = null,
  savedError = null,
  notWatched = null,
  locale,
}: NowPlayingProps) {
  const watch = notWatched && <WatchSite {...notWatched} />;
  if (!live) {
    return (
      <section aria-label={t('tabNow')} data-testid="now-empty">
        {watch}
        {!notWatched && (
          <p class="muted" data-testid="no-video">
            {t('noVideo')}
          </p>
        )}
      </section>
    );
  }
  const cls = resolutionClass(live.w, live.h);
  const staleS = Math.round((now - live.updatedAt) / 1000);
  return (
    <section aria-labelledby="now-h" data-testid="now-playing">
      {watch}
      <h2 id="now-h">
        {serviceName(live.service)} <span class="muted host">{live.pageHost}</span>
      </h2>
      <p class={`state state-${live.state}`}>
        {/* Polite: announces "Stalling" when it starts, without reading every per-second number. */}
        <span data-testid="state" data-state={live.state} aria-live="polite">
          {t(STATE_WORDS[live.state])}
        </span>
        {now - live.updatedAt > STALE_MS && (
          <span class="muted" data-testid="stale">
            {' '}
            — {t('noUpdate', formatNumber(staleS, locale))}
          </span>
        )}
      </p>
      <dl class="stats">
        <dt>{t('liveResolution')}</dt>
        <dd data-testid="resolution" data-w={live.w} data-h={live.h}>
          {formatResolution(live.w, live.h)}
          {cls && <span class="muted"> ({cls === '4K' || cls === 'SD' ? cls : `${cls}p`})</span>}
        </dd>
        <dt>{t('legendBitrate')}</dt>
        <dd data-testid="bitrate" data-value={live.br ?? ''}>
          {formatKbps(live.br, locale)}
        </dd>
        <dt>{t('colBufferAhead')}</dt>
        <dd data-testid="buffer" data-value={live.buf}>
          {formatDuration(live.buf * 1000, locale)}
        </dd>
        <dt>{t('statStalls')}</dt>
        <dd data-testid="stalls" data-value={live.stalls}>
          {formatNumber(live.stalls, locale)}
        </dd>
        <dt>{t('statStallTime')}</dt>
        <dd data-testid="stall-time" data-value={live.stallMs}>
          {formatDuration(live.stallMs, locale)}
        </dd>
        <dt>{t('statStartup')}</dt>
        <dd data-testid="startup" data-value={live.startupMs ?? ''}>
          {formatDuration(live.startupMs, locale)}
        </dd>
      </dl>
      <Sparkline points={live.spark} locale={locale} />
      <ScoreList
        scores={saved ? scoresOf(saved) : null}
        locale={locale}
        note={saved ? t('scoresSaved') : savedError ? t('scoresUnavailable', savedError) : t('scoresPending')}
      />
    </section>
  );
}
