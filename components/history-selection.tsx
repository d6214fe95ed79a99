import { MAX_IDS } from '@/utils/evidence/limits';
import { t, tn } from '@/utils/i18n';
import { type EvidencePage, sessionsQuery } from './evidence-actions';

export interface SelectToggleProps {
  selecting: boolean;
  onChange: (selecting: boolean) => void;
}

/** Turns the list's checkboxes on or off; turning them off drops the selection. */
export function SelectToggle({ selecting, onChange }: SelectToggleProps) {
  return (
    <div class="select-toggle">
      <button
        type="button"
        class="small"
        aria-pressed={selecting}
        data-testid="select-toggle"
        onClick={() => onChange(!selecting)}
      >
        {t('selectSessions')}
      </button>
    </div>
  );
}

export interface SelectionBarProps {
  /** The selected ids, in the order they were picked. */
  ids: readonly string[];
  /** Selects every row now shown; absent when all of them already are. */
  onSelectShown?: () => void;
  onClear: () => void;
  /** Opens that page in a new tab for the query given. */
  onOpen: (page: EvidencePage, query: string) => void;
}

/**
 * Under the list while selecting: how many are picked and what can be done with exactly those. Past
 * MAX_IDS the evidence pages would refuse the link, so the buttons are off and the bar says why.
 */
export function SelectionBar({ ids, onSelectShown, onClear, onOpen }: SelectionBarProps) {
  const query = sessionsQuery(ids);
  const tooMany = ids.length > MAX_IDS;
  return (
    <section class="selection-bar" aria-label={t('selectionLabel')} data-testid="selection-bar">
      <p class="selection-count" role="status" data-testid="selection-count">
        {tn('selectedCount', ids.length)}
      </p>
      {tooMany && (
        <p class="note bad" role="alert" data-testid="selection-too-many">
          {t('selectTooMany', MAX_IDS)}
        </p>
      )}
      <div class="evidence-buttons">
        <button
          type="button"
          data-testid="selection-export"
          disabled={query === null}
          onClick={() => query && onOpen('report', query)}
        >
          {t('exportSelected')}
        </button>
        <button
          type="button"
          data-testid="selection-complain"
          disabled={query === null}
          onClick={() => query && onOpen('complaint', query)}
        >
          {t('complainSelected')}
        </button>
        {onSelectShown && (
          <button type="button" data-testid="selection-all" onClick={onSelectShown}>
            {t('selectAllShown')}
          </button>
        )}
        <button type="button" data-testid="selection-clear" disabled={ids.length === 0} onClick={onClear}>
          {t('clearSelection')}
        </button>
      </div>
    </section>
  );
}
