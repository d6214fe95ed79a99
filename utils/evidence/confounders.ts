/**
 * What else could explain a bad session, named so a complaint never blames the network for what the
 * device, the window or the viewer did. Pure: a session's rows in, a list of findings out.
 */
import type { StoredSession } from '../db';
import { droppedRatio } from '../metrics/aggregate';
import type { PlaybackEvent, Sample } from '../schema/playback';
import { hostOnly } from './hosts';
import type { Confounder } from './schema';

export const DROPPED_FRAMES_MIN = 0.05;
export const HIDDEN_SHARE_MIN = 0.1;
/** A player under 854×480 CSS px for at least half the playing time is small (the popup's rule too). */
export const SMALL_PLAYER_CSS = { w: 854, h: 480, share: 0.5 } as const;
export const SHORT_SESSION_MS = 60_000;

const pct = (f: number) => `${(Math.round(f * 1000) / 10).toString()} %`;

function smallPlayerShare(samples: readonly Sample[]): number | null {
  let small = 0;
  let total = 0;
  for (const s of samples) {
    if (s.state !== 'playing' || s.dw <= 0 || s.dh <= 0) continue;
    total += s.dt;
    if (s.dw < SMALL_PLAYER_CSS.w && s.dh < SMALL_PLAYER_CSS.h) small += s.dt;
  }
  return total > 0 ? small / total : null;
}

export function findConfounders(
  session: StoredSession,
  samples: readonly Sample[],
  events: readonly PlaybackEvent[],
): Confounder[] {
  const out: Confounder[] = [];
  const agg = session.agg;
  const dropped = droppedRatio(agg);
  if (dropped !== null && dropped >= DROPPED_FRAMES_MIN) {
    out.push({
      code: 'dropped-frames',
      detail: `${pct(dropped)} of frames were dropped: the device struggled to decode or show the video, which the network does not cause.`,
    });
  }
  const stalls = events.filter((e) => e.kind === 'stall');
  const decoder = stalls.filter((e) => e.cause === 'decoder').length;
  if (decoder > 0) {
    out.push({
      code: 'decoder-stalls',
      detail: `${decoder} of ${stalls.length} stalls happened with video already buffered: a device or decoder hold-up, not missing data.`,
    });
  }
  if (agg.watchMs > 0 && agg.hiddenMs / agg.watchMs >= HIDDEN_SHARE_MIN) {
    out.push({
      code: 'hidden-tab',
      detail: `The tab was in the background for ${pct(agg.hiddenMs / agg.watchMs)} of the watching time; browsers and players may lower quality there.`,
    });
  }
  const small = smallPlayerShare(samples);
  if (small !== null && small >= SMALL_PLAYER_CSS.share) {
    out.push({
      code: 'small-player',
      detail: `The player was smaller than 854×480 for ${pct(small)} of the playing time; many players pick a lower resolution to fit a small player.`,
    });
  }
  if (session.preview) {
    out.push({ code: 'preview', detail: 'An autoplay preview, not playback the viewer started.' });
  }
  if (samples.some((s) => s.state === 'playing' && s.rate !== 1)) {
    out.push({
      code: 'playback-rate',
      detail: 'Part of it played at a speed other than 1×, which needs more data per second of watching.',
    });
  }
  if (agg.watchMs < SHORT_SESSION_MS) {
    out.push({ code: 'short-session', detail: 'Less than a minute of watching: the figures are noisy.' });
  }
  const hiddenHosts = [
    ...new Set(events.flatMap((e) => (e.kind === 'request' && !e.timed ? [hostOnly(e.host)] : []))),
  ].sort();
  if (hiddenHosts.length > 0) {
    out.push({
      code: 'timing-hidden',
      detail:
        `${hiddenHosts.slice(0, 5).join(', ')} hid request sizes and timing; throughput covers only the hosts that exposed them.`.slice(
          0,
          400,
        ),
    });
  }
  if (agg.playingMs > 0 && agg.brMs === 0) {
    out.push({
      code: 'no-bitrate',
      detail:
        'No video bitrate could be estimated for this playback; resolution and stalls are still measured.',
    });
  }
  if (session.rawPrunedAt !== undefined) {
    out.push({
      code: 'raw-samples-pruned',
      detail:
        'Older per-second samples were removed by the retention setting; totals, stalls and resolution changes remain.',
    });
  }
  return out;
}
