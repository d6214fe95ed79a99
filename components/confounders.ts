/**
 * Things other than the network that can explain what a session looked like. A complaint that ignores
 * them is easy to dismiss, so the detail view says them out loud. Pure: a session in, notes out.
 */
import type { StoredSession } from '@/utils/db';
import { t, tn } from '@/utils/i18n';
import { droppedRatio, meanUpscale } from '@/utils/metrics/aggregate';
import { formatNumber, formatPercent } from '@/utils/metrics/format';
import type { PlaybackEvent, Sample } from '@/utils/schema/playback';
import { dateTimeLabel } from './dates';

export const CONFOUNDER_THRESHOLDS = {
  /** Dropped / decoded frames from which the device is named as a likely cause. */
  dropped: 0.05,
  /** Mean upscale factor (shown size / native size − 1) worth a note. */
  upscale: 0.5,
  /** Share of playing time in a player smaller than 854×480 CSS px. */
  smallPlayer: 0.5,
  /** Share of watch time with the tab hidden. */
  hidden: 0.1,
} as const;

export type NoteId = 'dropped' | 'decoder' | 'small-player' | 'upscaled' | 'hidden' | 'pruned' | 'preview';
export interface ConfounderNote {
  id: NoteId;
  text: string;
}

/** Share of playing time the player was smaller than 854×480 CSS px; null without playing samples. */
export function smallPlayerShare(samples: readonly Sample[]): number | null {
  let small = 0;
  let total = 0;
  for (const s of samples) {
    if (s.state !== 'playing' || s.dw <= 0 || s.dh <= 0) continue;
    total += s.dt;
    if (s.dw < 854 && s.dh < 480) small += s.dt;
  }
  return total > 0 ? small / total : null;
}

export function confounders(
  session: StoredSession,
  samples: readonly Sample[],
  events: readonly PlaybackEvent[],
  locale?: string,
): ConfounderNote[] {
  const a = session.agg;
  const th = CONFOUNDER_THRESHOLDS;
  const pct = (f: number | null) => formatPercent(f, locale, 0);
  const notes: ConfounderNote[] = [];
  const dropped = droppedRatio(a);
  if (dropped !== null && dropped >= th.dropped)
    notes.push({
      id: 'dropped',
      text: t('noteDropped', pct(dropped)),
    });
  const decoder = events.filter((e) => e.kind === 'stall' && e.cause === 'decoder').length;
  if (decoder > 0)
    notes.push({
      id: 'decoder',
      text: tn('noteDecoder', decoder),
    });
  const small = smallPlayerShare(samples);
  if (small !== null && small >= th.smallPlayer)
    notes.push({
      id: 'small-player',
      text: t('noteSmallPlayer', pct(small)),
    });
  const up = meanUpscale(a);
  if (up !== null && up >= th.upscale)
    notes.push({
      id: 'upscaled',
      text: t('noteUpscaled', formatNumber(1 + up, locale, 1), formatNumber(1 + a.upMax, locale, 1)),
    });
  const hidden = a.watchMs > 0 ? a.hiddenMs / a.watchMs : null;
  if (hidden !== null && hidden >= th.hidden)
    notes.push({
      id: 'hidden',
      text: t('noteHidden', pct(hidden)),
    });
  if (session.rawPrunedAt !== undefined)
    notes.push({
      id: 'pruned',
      text: t('notePruned', dateTimeLabel(session.rawPrunedAt, session.tzOffsetMin, locale)),
    });
  if (session.preview) notes.push({ id: 'preview', text: t('notePreview') });
  return notes;
}
