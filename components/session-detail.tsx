import { useEffect, useRef } from 'preact/hooks';
import type { SessionDetail } from '@/utils/db';
import { serviceName } from '@/utils/sites';
import { confounders } from './confounders';
import { dateTimeLabel } from './dates';
import { DeleteConfirm } from './delete-confirm';
import { type EvidencePage, sessionQuery } from './evidence-actions';
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
  useEffect(() => {
    // Move focus to the new content so keyboard and screen-reader users land on it.
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
      ← Back to history
    </button>
  );

  if (load.status !== 'ready') {
    return (
      <section class="detail" aria-labelledby="detail-h" onKeyDown={onKeyDown}>
        {back}
        <h2 id="detail-h" tabIndex={-1} ref={heading}>
          Session
        </h2>
        {load.status === 'loading' && (
          <p class="muted" role="status" data-testid="detail-loading">
            Loading session…
          </p>
        )}
        {load.status === 'error' && (
          <p class="note bad" role="alert" data-testid="detail-error">
            This session could not be read from the local database: {load.message}
          </p>
        )}
        {load.status === 'missing' && (
          <p class="note warn" data-testid="detail-missing">
            This session is no longer stored: it was deleted, or set aside because it could not be read.
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
        {s.endedAt === undefined ? ' — still open' : ''}
      </p>
      <ScoreList scores={scoresOf(s.agg)} testIdPrefix="detail-" locale={locale} />
      <h3>Timeline</h3>
      <TimelineChart samples={samples} events={events} locale={locale} />
      <h3>Statistics</h3>
      <StatsTable session={s} locale={locale} />
      <h3>Other explanations</h3>
      {notes.length === 0 ? (
        <p class="muted" data-testid="detail-no-confounders">
          Nothing else stands out: no heavy frame drops, small player, upscaling or hidden tab.
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
          <h3 id="detail-evidence-h">Evidence</h3>
          <div class="evidence-buttons">
            <button
              type="button"
              data-testid="detail-export"
              onClick={() => onEvidence('report', sessionQuery(s.id))}
            >
              Export evidence
            </button>
            <button
              type="button"
              data-testid="detail-complain"
              onClick={() => onEvidence('complaint', sessionQuery(s.id))}
            >
              Draft complaint
            </button>
          </div>
          <p class="muted small">
            Opens a page with this session's report, its JSON and CSV files, or a complaint draft.
          </p>
        </section>
      )}
      {(onDeleteSession || onDeleteHost) && (
        <div class="delete-actions">
          <h3>Delete</h3>
          {onDeleteSession && (
            <DeleteConfirm
              label="Delete this session"
              testId="delete-session"
              question="Delete this session, its samples and its stalls? This cannot be undone."
              confirmLabel="Delete session"
              onConfirm={onDeleteSession}
            />
          )}
          {onDeleteHost && (
            <DeleteConfirm
              label={`Delete all history for ${s.pageHost}`}
              testId="delete-host"
              question={`Delete every session recorded on ${s.pageHost}? This cannot be undone.`}
              confirmLabel={`Delete ${s.pageHost} history`}
              onConfirm={() => onDeleteHost(s.pageHost)}
            />
          )}
        </div>
      )}
    </section>
  );
}
