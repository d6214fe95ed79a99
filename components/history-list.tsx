import { useEffect, useRef, useState } from 'preact/hooks';
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

/**
 * Rows in the list's first paint: what a 400×600 popup shows, with a margin. The rest of the page is
 * rendered right after that frame, so the first screenful does not wait for rows below the fold.
 */
export const FIRST_ROWS = 12;

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
  // Only the list's first rows wait; coming back to a row (focusId) renders them all at once.
  const [staged, setStaged] = useState(!focusId);
  const cut = staged && load.status === 'ready' && load.sessions.length > FIRST_ROWS;
  useEffect(() => {
    if (!staged || load.status !== 'ready') return;
    // The other rows go in after the next frame, so the first ones are painted without waiting.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setStaged(false), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [staged, load.status]);

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
      {groupByDay(cut ? load.sessions.slice(0, FIRST_ROWS) : load.sessions).map((g) => (
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
      {!cut && load.moreError && (
        <p class="note bad" role="alert" data-testid="history-more-error">
          {t('historyMoreError', load.moreError)}
        </p>
      )}
      {!cut && load.hasMore && (
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
