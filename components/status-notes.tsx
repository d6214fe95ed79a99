import type { QuarantineSummary, QuotaStatus } from '@/utils/db';
import { type MessageKey, t, tn } from '@/utils/i18n';
import { formatNumber } from '@/utils/metrics/format';
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

const STORE_WORDS: Record<string, MessageKey> = {
  sessions: 'storeSessions',
  samples: 'storeSamples',
  events: 'storeEvents',
  batch: 'storeBatch',
};

/** What happened, from the stored numbers (the stored English `message` is for logs). */
function storageText(s: QuotaStatus): string {
  if (s.state === 'full') return t('storageFullMessage');
  return s.prunedSessions === undefined
    ? t('storagePrunedSamples', s.prunedSamples)
    : tn('storagePruned', s.prunedSessions, s.prunedSamples);
}

/** Storage and data-integrity notices, in plain words. Renders nothing when all is well. */
export function StatusNotes({ storage, quarantine, error, tzOffsetMin, locale }: StatusNotesProps) {
  const q = quarantine && quarantine.total > 0 ? quarantine : null;
  if (!storage && !q && !error) return null;
  return (
    <div class="status-notes">
      {error && (
        <p class="note bad" role="alert" data-testid="status-error">
          {t('statusError', error)}
        </p>
      )}
      {storage && (
        <div
          class={`note ${storage.state === 'full' ? 'bad' : 'warn'}`}
          role={storage.state === 'full' ? 'alert' : 'status'}
          data-testid="storage-status"
          data-state={storage.state}
        >
          <strong>{storage.state === 'full' ? t('storageFullTitle') : t('storagePrunedTitle')}</strong>{' '}
          {storageText(storage)}{' '}
          <span class="muted">
            (
            {dateTimeLabel(
              storage.state === 'full' ? (storage.fullSince ?? storage.lastPrunedAt) : storage.lastPrunedAt,
              tzOffsetMin,
              locale,
            )}
            )
          </span>
        </div>
      )}
      {q && (
        <details class="note warn" data-testid="quarantine">
          <summary>
            <span data-testid="quarantine-count" data-value={q.total}>
              {formatNumber(q.total, locale)}
            </span>{' '}
            {tn('quarantine', q.total)}
          </summary>
          <ul>
            {Object.entries(q.byStore).map(([store, n]) => (
              <li key={store}>
                {formatNumber(n, locale)} {STORE_WORDS[store] ? t(STORE_WORDS[store]) : store}
              </li>
            ))}
          </ul>
          {q.recent.length > 0 && (
            <p class="muted small">
              {t(
                'latestReason',
                q.recent[0]?.reason.join('; ') ?? '',
                dateTimeLabel(q.recent[0]?.at ?? 0, tzOffsetMin, locale),
              )}
            </p>
          )}
        </details>
      )}
    </div>
  );
}
