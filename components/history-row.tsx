import type { Ref } from 'preact';
import type { StoredSession } from '@/utils/db';
import { t, tn } from '@/utils/i18n';
import { meanBitrateKbps, share720 } from '@/utils/metrics/aggregate';
import { formatDuration, formatKbps, formatPercent } from '@/utils/metrics/format';
import { serviceName } from '@/utils/sites';
import { dateTimeLabel, timeLabel } from './dates';
import { scoresOf, scoreText, scoreTone } from './session-scores';

export interface HistoryRowProps {
  session: StoredSession;
  onOpen: (id: string) => void;
  locale?: string;
  buttonRef?: Ref<HTMLButtonElement>;
  /** While selecting: whether this row is picked, and how to pick or drop it. */
  selected?: boolean;
  onToggle?: (session: StoredSession) => void;
}

/**
 * One session in the list: a button that opens its detail. Numbers come from the stored totals. While
 * selecting, a checkbox sits beside the button (never inside it: one control, one name, one action).
 */
export function HistoryRow({ session: s, onOpen, locale, buttonRef, selected, onToggle }: HistoryRowProps) {
  const a = s.agg;
  const overall = scoresOf(a).overall;
  const stalls = tn('stalls', a.stallCount);
  return (
    <li class={onToggle ? 'selectable' : undefined}>
      {onToggle && (
        <input
          type="checkbox"
          class="row-check"
          data-testid="history-check"
          checked={!!selected}
          aria-label={t(
            'selectRow',
            `${serviceName(s.service)}, ${dateTimeLabel(s.startedAt, s.tzOffsetMin, locale)}`,
          )}
          onChange={() => onToggle(s)}
        />
      )}
      <button
        type="button"
        class="row"
        ref={buttonRef}
        data-testid="history-row"
        data-session-id={s.id}
        onClick={() => onOpen(s.id)}
      >
        <span class="row-head">
          <span class="row-time">{timeLabel(s.startedAt, s.tzOffsetMin, locale)}</span>
          <span class="row-service">{serviceName(s.service)}</span>
          <span class="muted row-host">{s.pageHost}</span>
          <span class={`row-score tone-${scoreTone(overall)}`}>
            <span class="sr-only">{t('rowScore')} </span>
            <span data-testid="history-score" data-value={overall ?? ''}>
              {scoreText(overall)}
            </span>
          </span>
        </span>
        <span class="row-facts muted">
          <span data-testid="history-duration" data-value={a.watchMs}>
            {formatDuration(a.watchMs, locale)}
          </span>
          {' · '}
          <span data-testid="history-bitrate" data-value={meanBitrateKbps(a) ?? ''}>
            {formatKbps(meanBitrateKbps(a), locale)}
          </span>
          {' · '}
          <span data-testid="history-stalls" data-value={a.stallCount}>
            {stalls}
          </span>
          {' · '}
          <span data-testid="history-hd" data-value={share720(a) ?? ''}>
            {t('rowHd', formatPercent(share720(a), locale, 0))}
          </span>
          {s.preview && ` · ${t('rowPreview')}`}
        </span>
      </button>
    </li>
  );
}
