import { useEffect, useRef } from 'preact/hooks';
import type { StoredSession } from '@/utils/db';
import { t } from '@/utils/i18n';
import { dayLabel, groupByDay } from './dates';
import { HistoryRow } from './history-row';

export type HistoryLoad =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | {
      status: 'ready';
      sessions: StoredSession[];
      hasMore: boolean;
      loadingMore: boolean;
      /** The last "load more" failed; the rows already shown stay. */
      moreError?: string;
    };

export interface HistoryListProps {
  load: HistoryLoad;
  /** Whether a filter is on: changes the empty-state wording. */
  filtered: boolean;
  onOpen: (id: string) => void;
  onMore: () => void;
  onRetry: () => void;
  /** Row to give focus to on mount (the session just closed), so Back keeps the keyboard place. */
  focusId?: string | null;
  locale?: string;
  /** While selecting: the ids picked so far, and how to pick or drop one. Absent: no checkboxes. */
  selected?: ReadonlySet<string>;
  onToggle?: (session: StoredSession) => void;
}

export function HistoryList({
  load,
  filtered,
  onOpen,
  onMore,
  onRetry,
  focusId,
  locale,
  selected,
  onToggle,
}: HistoryListProps) {
  const focusRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    focusRef.current?.focus();
  }, []);

  if (load.status === 'loading') {
    return (
      <p class="muted" role="status" data-testid="history-loading">
        {t('historyLoading')}
      </p>
    );
  }
  if (load.status === 'error') {
    return (
      <div class="note bad" role="alert" data-testid="history-error">
        <p>
          <strong>{t('historyErrorTitle')}</strong> {t('historyErrorBody', load.message)}
        </p>
        <p>{t('historyErrorHelp')}</p>
        <button type="button" onClick={onRetry}>
          {t('tryAgain')}
        </button>
      </div>
    );
  }
  if (load.sessions.length === 0) {
    return (
      <p class="muted" data-testid="history-empty">
        {filtered ? t('historyNoMatch') : t('historyEmpty')}
      </p>
    );
  }
  return (
    <div class="history">
      {groupByDay(load.sessions).map((g) => (
        <section key={g.day} class="day" aria-labelledby={`day-${g.day}`}>
          <h3 id={`day-${g.day}`} data-testid="history-day" data-day={g.day}>
            {dayLabel(g.day, locale)}
          </h3>
          <ul class="rows">
            {g.items.map((s) => (
              <HistoryRow
                key={s.id}
                session={s}
                onOpen={onOpen}
                locale={locale}
                buttonRef={s.id === focusId ? focusRef : undefined}
                selected={selected?.has(s.id)}
                onToggle={onToggle}
              />
            ))}
          </ul>
        </section>
      ))}
      {load.moreError && (
        <p class="note bad" role="alert" data-testid="history-more-error">
          {t('historyMoreError', load.moreError)}
        </p>
      )}
      {load.hasMore && (
        <button
          type="button"
          class="more"
          data-testid="history-more"
          disabled={load.loadingMore}
          onClick={onMore}
        >
          {load.loadingMore ? t('loading') : t('historyMore')}
        </button>
      )}
    </div>
  );
}
