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
      <h2 id="watched-h">Watched sites</h2>
      <p class="muted small">
        The named streaming services are watched by default. Any other site is watched only after you turn it
        on with “Watch this site” in the popup.
      </p>
      {sites.length === 0 ? (
        <p data-testid="no-watched-sites">You have not turned on any other site.</p>
      ) : (
        <ul data-testid="watched-sites">
          {sites.map((p) => (
            <li key={p} data-testid="watched-site-row" data-pattern={p}>
              {patternHost(p)}{' '}
              <button type="button" data-testid="remove-site" onClick={() => onRemove(p)}>
                Stop watching
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
