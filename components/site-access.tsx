import type { SiteAccess } from '@/utils/sites/watch';
import type { NotWatched } from './now-playing';

export interface SiteActions {
  onWatch: () => void;
  onStop: () => void;
  busy: boolean;
  error: string | null;
}

/** What the popup offers for the tab's site: the "Watch this site" offer, or null when it is watched. */
export function notWatchedOf(access: SiteAccess, a: SiteActions): NotWatched | null {
  if (access.kind === 'unknown' || access.granted) return null;
  return {
    host: access.host,
    onWatch: a.onWatch,
    revoked: access.kind === 'default',
    busy: a.busy,
    error: a.error,
  };
}

/**
 * A site the user turned on says so, with the way to turn it off. A named service says nothing: it is
 * watched by default, and turned off in the browser's own settings.
 */
export function WatchedSite({ access, actions }: { access: SiteAccess; actions: SiteActions }) {
  if (access.kind !== 'optional' || !access.granted) return null;
  if (access.broad) {
    return (
      <p class="muted small" data-testid="watched-site">
        Watching <strong>{access.host}</strong>: StreamWitness may read{' '}
        {access.broad === '*://*/*' ? 'every site' : `all of ${access.broad}`}, as allowed in the browser’s
        extension settings. Change it there.
      </p>
    );
  }
  return (
    <div class="note" data-testid="watched-site">
      <p>
        Watching <strong>{access.host}</strong> because you turned it on.
      </p>
      <button type="button" data-testid="stop-watching" onClick={actions.onStop} disabled={actions.busy}>
        Stop watching this site
      </button>
      {actions.error && (
        <p class="small" role="alert" data-testid="watch-error">
          {actions.error}
        </p>
      )}
    </div>
  );
}
