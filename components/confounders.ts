/**
 * The session detail's words for its confounders (utils/metrics/confounders finds them): a complaint
 * that ignores them is easy to dismiss, so the detail view says them out loud. Pure: a session in, notes out.
 */
import type { StoredSession } from '@/utils/db';
import { t, tn } from '@/utils/i18n';
import {
  type SessionConfounder,
  type SessionConfounderKind,
  sessionConfounders,
} from '@/utils/metrics/confounders';
import { formatNumber, formatPercent } from '@/utils/metrics/format';
import type { PlaybackEvent, Sample } from '@/utils/schema/playback';
import { dateTimeLabel } from './dates';

export interface ConfounderNote {
  id: SessionConfounderKind;
  text: string;
}

type Words = (c: SessionConfounder, s: StoredSession, locale?: string) => string;
const pct = (f: number, locale?: string) => formatPercent(f, locale, 0);

const WORDS: Record<SessionConfounderKind, Words> = {
  'dropped-frames': (c, _, l) => t('noteDropped', pct(c.value, l)),
  'decoder-stalls': (c) => tn('noteDecoder', c.value),
  'hidden-tab': (c, _, l) => t('noteHidden', pct(c.value, l)),
  'small-player': (c, _, l) => t('noteSmallPlayer', pct(c.value, l)),
  upscaled: (c, s, l) =>
    t('noteUpscaled', formatNumber(1 + c.value, l, 1), formatNumber(1 + s.agg.upMax, l, 1)),
  'playback-rate': (c, _, l) => t('notePlaybackRate', pct(c.value, l)),
  'short-session': () => t('noteShort'),
  'timing-hidden': (c) => tn('noteTimingHidden', c.value),
  'no-bitrate': () => t('noteNoBitrate'),
  wireless: () => t('noteWireless'),
  preview: () => t('notePreview'),
  'raw-samples-pruned': (_, s, l) =>
    t('notePruned', s.rawPrunedAt === undefined ? '' : dateTimeLabel(s.rawPrunedAt, s.tzOffsetMin, l)),
};

export function confounders(
  session: StoredSession,
  samples: readonly Sample[],
  events: readonly PlaybackEvent[],
  locale?: string,
): ConfounderNote[] {
  return sessionConfounders({ session, samples, events }).map((c) => ({
    id: c.kind,
    text: WORDS[c.kind](c, session, locale),
  }));
}
