/**
 * The rendition on screen at each stored sample, from the player's own events, and how far the recorded
 * bitrate is from it. The player names what it renders (dash.js QUALITY_CHANGE_RENDERED, hls.js
 * LEVEL_SWITCHED, Shaka mediaqualitychanged, logged by truth.js with the playhead at that moment); before
 * its first such event, the page's own first frame size names the starting rendition. Each rendition's
 * rate is ffprobe's measurement of its video (ground-truth/<id>.json). Everything is matched on media
 * time, which both sides read off the same element.
 */
import type { LadderTruth } from '../media/layout';
import type { TruthEvent, TruthSwitch } from './players';

export interface Sample {
  state: string;
  mt: number;
  br: number | null;
  seq: number;
}

export interface BitrateFidelity {
  playing: number;
  /** Playing samples with a bitrate. */
  withBitrate: number;
  /** |recorded − on screen| / on screen, per playing sample (a sample without a bitrate counts as 100 %). */
  errorsPct: number[];
  within10: number;
  medianPct: number;
  /** Rendered renditions in order (heights), the first included. */
  renditions: number[];
}

export const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

/**
 * Heights on screen as media time advanced, from the page's own `resize` events (the element fires one
 * when the frame it shows changes size), logged by truth.js with the playhead: [from media time, height].
 */
export function frameTimeline(events: readonly TruthEvent[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const e of events) {
    if (e.videoHeight > 0 && out.at(-1)?.[1] !== e.videoHeight)
      out.push([out.length ? e.currentTime : 0, e.videoHeight]);
  }
  return out;
}

/** The same from the player's rendered-rendition events (before the first, the first frame's height). */
export function screenTimeline(
  events: readonly TruthEvent[],
  switches: readonly TruthSwitch[],
): Array<[number, number]> {
  const first = events.find((e) => e.videoHeight > 0);
  const out: Array<[number, number]> = first ? [[0, first.videoHeight]] : [];
  for (const s of switches) {
    if (s.rendered === false || !s.height) continue;
    if (out.at(-1)?.[1] !== s.height) out.push([s.currentTime, s.height]);
  }
  return out;
}

export function bitrateFidelity(
  samples: readonly Sample[],
  timeline: ReadonlyArray<[number, number]>,
  ladder: readonly LadderTruth[],
): BitrateFidelity {
  const kbpsOf = (height: number) => ladder.find((r) => r.height === height)?.measuredVideoKbps ?? Number.NaN;
  const playing = samples.filter((s) => s.state === 'playing').sort((a, b) => a.seq - b.seq);
  const errorsPct = playing.map((s) => {
    let height = timeline[0]?.[1] ?? 0;
    for (const [at, h] of timeline) if (at <= s.mt) height = h;
    const truth = kbpsOf(height);
    return s.br === null || !Number.isFinite(truth) ? 100 : (Math.abs(s.br - truth) / truth) * 100;
  });
  return {
    playing: playing.length,
    withBitrate: playing.filter((s) => s.br !== null).length,
    errorsPct,
    within10: errorsPct.length ? errorsPct.filter((e) => e <= 10).length / errorsPct.length : 0,
    medianPct: median(errorsPct),
    renditions: timeline.map(([, h]) => h),
  };
}
