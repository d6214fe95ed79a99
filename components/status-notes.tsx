import type { QuarantineSummary, QuotaStatus } from '@/utils/db';
import { dateTimeLabel } from './dates';

export interface StatusNotesProps {
  /** From storageStatus(): storage filled up at some point (null: never, or dismissed). */
  storage: QuotaStatus | null;
  /** From quarantineSummary(); null when unknown. */
  quarantine: QuarantineSummary | null;
  /** Why the status itself could not be read, if it could not. */
  error?: string | null;
  /** The viewer's offset, minutes east of UTC, for the dates shown. */
  tzOffsetMin: number;
  locale?: string;
}

const STORE_WORDS: Record<string, string> = {
  sessions: 'session summaries',
  samples: 'samples',
  events: 'events',
  batch: 'incoming records',
};

/** Storage and data-integrity notices, in plain words. Renders nothing when all is well. */
export function StatusNotes({ storage, quarantine, error, tzOffsetMin, locale }: StatusNotesProps) {
  const q = quarantine && quarantine.total > 0 ? quarantine : null;
  if (!storage && !q && !error) return null;
  return (
    <div class="status-notes">
      {error && (
        <p class="note bad" role="alert" data-testid="status-error">
          Could not check storage health: {error}
        </p>
      )}
      {storage && (
        <div
          class={`note ${storage.state === 'full' ? 'bad' : 'warn'}`}
          role={storage.state === 'full' ? 'alert' : 'status'}
          data-testid="storage-status"
          data-state={storage.state}
        >
          <strong>{storage.state === 'full' ? 'Storage is full.' : 'Storage filled up.'}</strong>{' '}
          {storage.message}{' '}
          <span class="muted">({dateTimeLabel(storage.lastPrunedAt, tzOffsetMin, locale)})</span>
        </div>
      )}
      {q && (
        <details class="note warn" data-testid="quarantine">
          <summary>
            <span data-testid="quarantine-count" data-value={q.total}>
              {q.total}
            </span>{' '}
            {q.total === 1 ? 'record' : 'records'} could not be read and {q.total === 1 ? 'was' : 'were'} set
            aside; the rest of your history is intact.
          </summary>
          <ul>
            {Object.entries(q.byStore).map(([store, n]) => (
              <li key={store}>
                {n} {STORE_WORDS[store] ?? store}
              </li>
            ))}
          </ul>
          {q.recent.length > 0 && (
            <p class="muted small">
              Latest reason: {q.recent[0]?.reason.join('; ')} (
              {dateTimeLabel(q.recent[0]?.at ?? 0, tzOffsetMin, locale)})
            </p>
          )}
        </details>
      )}
    </div>
  );
}
