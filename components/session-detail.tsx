import { useLayoutEffect, useRef } from 'preact/hooks';
import type { SessionDetail } from '@/utils/db';
import { t } from '@/utils/i18n';
import { serviceName } from '@/utils/sites';
import { confounders } from './confounders';
import { dateTimeLabel } from './dates';
import { DeleteConfirm } from './delete-confirm';
import { type EvidencePage, sessionQuery } from './evidence-actions';
import { NetworkFacts } from './network-facts';
import { ScoreList } from './score-list';
import { scoresOf } from './session-scores';
import { StatsTable } from './stats-table';
import { TimelineChart } from './timeline-chart';

export type DetailLoad =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  /** The session is gone: deleted, or set aside as unreadable. */
  | { status: 'missing' }
  | { status: 'ready'; detail: SessionDetail };

export interface SessionDetailViewProps {
  load: DetailLoad;
  onBack: () => void;
  /** Deletes this session (after the user confirmed); the caller leaves the view on success. */
  onDeleteSession?: () => Promise<void>;
  /** Deletes every session of this session's page host (after the user confirmed). */
  onDeleteHost?: (host: string) => Promise<void>;
  /** Opens an evidence page (report with downloads, or complaint draft) for this session. */
  onEvidence?: (page: EvidencePage, query: string) => void;
  locale?: string;
}

/** One session: scores, timeline, every total, and what else could explain it. Escape goes back. */
export function SessionDetailView({
  load,
  onBack,
  onDeleteSession,
  onDeleteHost,
  onEvidence,
  locale,
}: SessionDetailViewProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  const ready = load.status === 'ready';
  // Move focus to the new content so keyboard and screen-reader users land on it. A layout effect runs
  // before the frame is painted: an effect after it could take focus from a button already pressed.
  useLayoutEffect(() => {
    heading.current?.focus();
  }, [ready]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && !(e.target instanceof HTMLSelectElement)) {
      e.preventDefault();
      onBack();
    }
  };
  const back = (
    <button type="button" class="back" data-testid="detail-back" onClick={onBack}>
      {t('backToHistory')}
    </button>
  );

  if (load.status !== 'ready') {
    return (
      <section class="detail" aria-labelledby="detail-h" onKeyDown={onKeyDown}>
        {back}
        <h2 id="detail-h" tabIndex={-1} ref={heading}>
          {t('detailHeading')}
        </h2>
        {load.status === 'loading' && (
          <p class="muted" role="status" data-testid="detail-loading">
            {t('detailLoading')}
          </p>
        )}
        {load.status === 'error' && (
          <p class="note bad" role="alert" data-testid="detail-error">
            {t('detailError', load.message)}
          </p>
        )}
        {load.status === 'missing' && (
          <p class="note warn" data-testid="detail-missing">
            {t('detailMissing')}
          </p>
        )}
      </section>
    );
  }

  const { session: s, samples, events } = load.detail;
  const notes = confounders(s, samples, events, locale);
  return (
    <section class="detail" aria-labelledby="detail-h" data-testid="detail" onKeyDown={onKeyDown}>
      {back}
      <h2 id="detail-h" tabIndex={-1} ref={heading}>
        {serviceName(s.service)} <span class="muted host">{s.pageHost}</span>
      </h2>
      <p class="muted small" data-testid="detail-when">
        {dateTimeLabel(s.startedAt, s.tzOffsetMin, locale)}
        {s.endedAt === undefined ? ` — ${t('detailStillOpen')}` : ''}
      </p>
      <ScoreList scores={scoresOf(s.agg)} testIdPrefix="detail-" locale={locale} />
      <h3>{t('timelineHeading')}</h3>
      <TimelineChart samples={samples} events={events} locale={locale} />
      <h3>{t('statsHeading')}</h3>
      <StatsTable session={s} locale={locale} />
      <NetworkFacts events={events} locale={locale} />
      <h3>{t('otherExplanationsHeading')}</h3>
      {notes.length === 0 ? (
        <p class="muted" data-testid="detail-no-confounders">
          {t('noConfounders')}
        </p>
      ) : (
        <ul class="confounders" data-testid="detail-confounders">
          {notes.map((n) => (
            <li key={n.id} data-note={n.id}>
              {n.text}
            </li>
          ))}
        </ul>
      )}
      {onEvidence && (
        <section class="evidence-actions" aria-labelledby="detail-evidence-h">
          <h3 id="detail-evidence-h">{t('evidenceHeading')}</h3>
          <div class="evidence-buttons">
            <button
              type="button"
              data-testid="detail-export"
              onClick={() => onEvidence('report', sessionQuery(s.id))}
            >
              {t('exportEvidence')}
            </button>
            <button
              type="button"
              data-testid="detail-complain"
              onClick={() => onEvidence('complaint', sessionQuery(s.id))}
            >
              {t('draftComplaint')}
            </button>
          </div>
          <p class="muted small">{t('detailEvidenceHelp')}</p>
        </section>
      )}
      {(onDeleteSession || onDeleteHost) && (
        <div class="delete-actions">
          <h3>{t('deleteHeading')}</h3>
          {onDeleteSession && (
            <DeleteConfirm
              label={t('deleteSessionLabel')}
              testId="delete-session"
              question={t('deleteSessionQuestion')}
              confirmLabel={t('deleteSessionConfirm')}
              onConfirm={onDeleteSession}
            />
          )}
          {onDeleteHost && (
            <DeleteConfirm
              label={t('deleteHostLabel', s.pageHost)}
              testId="delete-host"
              question={t('deleteHostQuestion', s.pageHost)}
              confirmLabel={t('deleteHostConfirm', s.pageHost)}
              onConfirm={() => onDeleteHost(s.pageHost)}
            />
          )}
        </div>
      )}
    </section>
  );
}
