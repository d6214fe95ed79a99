/**
 * Things other than the network that can explain what a session looked like. A complaint that ignores
 * them is easy to dismiss, so the detail view says them out loud. Pure: a session in, notes out.
 */
import type { StoredSession } from '@/utils/db';
import { droppedRatio, meanUpscale } from '@/utils/metrics/aggregate';
import { formatPercent } from '@/utils/metrics/format';
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
  const t = CONFOUNDER_THRESHOLDS;
  const pct = (f: number | null) => formatPercent(f, locale, 0);
  const notes: ConfounderNote[] = [];
  const dropped = droppedRatio(a);
  if (dropped !== null && dropped >= t.dropped)
    notes.push({
      id: 'dropped',
      text: `${pct(dropped)} of frames were dropped: the device (its decoder or CPU) could not keep up. That points at the device, not the network.`,
    });
  const decoder = events.filter((e) => e.kind === 'stall' && e.cause === 'decoder').length;
  if (decoder > 0)
    notes.push({
      id: 'decoder',
      text: `${decoder} ${decoder === 1 ? 'stall' : 'stalls'} happened with media already buffered, which points at the device rather than the network.`,
    });
  const small = smallPlayerShare(samples);
  if (small !== null && small >= t.smallPlayer)
    notes.push({
      id: 'small-player',
      text: `The player was smaller than 854×480 for ${pct(small)} of playing time. Services pick lower resolutions for small players, so low resolution then says little about your connection.`,
    });
  const up = meanUpscale(a);
  if (up !== null && up >= t.upscale)
    notes.push({
      id: 'upscaled',
      text: `The picture was shown on average ${(1 + up).toFixed(1)}× larger than its resolution (at most ${(1 + a.upMax).toFixed(1)}×), so it looked softer than its resolution suggests; the picture score counts this.`,
    });
  const hidden = a.watchMs > 0 ? a.hiddenMs / a.watchMs : null;
  if (hidden !== null && hidden >= t.hidden)
    notes.push({
      id: 'hidden',
      text: `The tab was hidden for ${pct(hidden)} of watch time. Browsers slow hidden tabs and some services lower quality there.`,
    });
  if (session.rawPrunedAt !== undefined)
    notes.push({
      id: 'pruned',
      text: `Older raw samples were removed on ${dateTimeLabel(session.rawPrunedAt, session.tzOffsetMin, locale)} (retention or a full disk). The totals still count them; the chart shows only what is left.`,
    });
  if (session.preview)
    notes.push({ id: 'preview', text: 'This was an autoplay preview, not a title you chose to watch.' });
  return notes;
}
