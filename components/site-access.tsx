import { t } from '@/utils/i18n';
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
    const scope = access.broad === '*://*/*' ? t('scopeEverySite') : t('scopeAllOf', access.broad);
    return (
      <p class="muted small" data-testid="watched-site">
        <Bold text={t('watchingBroad', MARK, scope)} host={access.host} />
      </p>
    );
  }
  return (
    <div class="note" data-testid="watched-site">
      <p>
        <Bold text={t('watchingOn', MARK)} host={access.host} />
      </p>
      <button type="button" data-testid="stop-watching" onClick={actions.onStop} disabled={actions.busy}>
        {t('stopWatchingSite')}
      </button>
      {actions.error && (
        <p class="small" role="alert" data-testid="watch-error">
          {actions.error}
        </p>
      )}
    </div>
  );
}

// The host stays bold wherever the language puts it in the sentence.
const MARK = '\u0001';
function Bold({ text, host }: { text: string; host: string }) {
  const [before, after] = text.split(MARK);
  return (
    <>
      {before}
      <strong>{host}</strong>
      {after}
    </>
  );
}
