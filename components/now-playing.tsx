import type { LiveSnapshot } from '@/utils/messaging/worker-protocol';
import { formatDuration, formatKbps, formatResolution } from '@/utils/metrics/format';
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

const STATE_WORDS: Record<LiveSnapshot['state'], string> = {
  playing: 'Playing',
  stalled: 'Stalling',
  paused: 'Paused',
  seeking: 'Seeking',
  startup: 'Starting',
  ended: 'Ended',
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
  return (
    <div class="note" data-testid="not-watched">
      <p>
        StreamWitness is not watching <strong>{host || 'this site'}</strong>, so nothing here is recorded.
        {revoked && ' Its access to this site is turned off in the browser’s extension settings.'}
      </p>
      <button type="button" class="primary" data-testid="watch-site" onClick={onWatch} disabled={busy}>
        Watch this site
      </button>
      {busy && (
        <p class="muted small" role="status">
          Waiting for the browser to allow it…
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
      <section aria-label="Now playing" data-testid="now-empty">
        {watch}
        {!notWatched && (
          <p class="muted" data-testid="no-video">
            No video is playing in this tab yet. Start one and its quality shows up here.
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
          {STATE_WORDS[live.state]}
        </span>
        {now - live.updatedAt > STALE_MS && (
          <span class="muted" data-testid="stale">
            {' '}
            — no update for {staleS} s
          </span>
        )}
      </p>
      <dl class="stats">
        <dt>Resolution</dt>
        <dd data-testid="resolution" data-w={live.w} data-h={live.h}>
          {formatResolution(live.w, live.h)}
          {cls && <span class="muted"> ({cls === '4K' || cls === 'SD' ? cls : `${cls}p`})</span>}
        </dd>
        <dt>Bitrate</dt>
        <dd data-testid="bitrate" data-value={live.br ?? ''}>
          {formatKbps(live.br, locale)}
        </dd>
        <dt>Buffer ahead</dt>
        <dd data-testid="buffer" data-value={live.buf}>
          {formatDuration(live.buf * 1000, locale)}
        </dd>
        <dt>Stalls</dt>
        <dd data-testid="stalls" data-value={live.stalls}>
          {live.stalls}
        </dd>
        <dt>Stall time</dt>
        <dd data-testid="stall-time" data-value={live.stallMs}>
          {formatDuration(live.stallMs, locale)}
        </dd>
        <dt>Startup</dt>
        <dd data-testid="startup" data-value={live.startupMs ?? ''}>
          {formatDuration(live.startupMs, locale)}
        </dd>
      </dl>
      <Sparkline points={live.spark} locale={locale} />
      <ScoreList
        scores={saved ? scoresOf(saved) : null}
        locale={locale}
        note={
          saved
            ? 'Scores use the saved record of this session (saved every few seconds).'
            : savedError
              ? `Scores are unavailable: the history store could not be read (${savedError}).`
              : 'Scores appear once the first seconds of this session are saved.'
        }
      />
    </section>
  );
}
