import { t } from '@/utils/i18n';
import { patternHost } from '@/utils/sites/watch';

export interface WatchedSitesProps {
  /** Granted optional host patterns (the browser's record). */
  sites: string[];
  onRemove: (pattern: string) => void;
  error: string | null;
}

/** The sites the user turned on, each with a way to turn it off. */
export function WatchedSites({ sites, onRemove, error }: WatchedSitesProps) {
  return (
    <section aria-labelledby="watched-h">
      <h2 id="watched-h">{t('watchedHeading')}</h2>
      <p class="muted small">{t('watchedNote', t('watchSite'))}</p>
      {sites.length === 0 ? (
        <p data-testid="no-watched-sites">{t('watchedNone')}</p>
      ) : (
        <ul data-testid="watched-sites">
          {sites.map((p) => (
            <li key={p} data-testid="watched-site-row" data-pattern={p}>
              {patternHost(p)}{' '}
              <button type="button" data-testid="remove-site" onClick={() => onRemove(p)}>
                {t('stopWatching')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p class="error small" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
