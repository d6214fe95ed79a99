/**
 * Things other than the network that can explain what a session looked like: the one rule set every
 * view reads (session detail, Compare, the evidence file, the report, the letter). A confounder weakens a
 * claim and never overturns it, so the thresholds err towards naming one. Pure: a session's rows in,
 * `{kind, value, threshold}` out; words live at the edges (i18n messages, the letter's tables).
 */
import type { Aggregates, PlaybackEvent, Sample, SessionMeta } from '../schema/playback';
import { droppedRatio, meanUpscale } from './aggregate';

/** A player smaller than this in both directions, in CSS px, is a small player. */
export const SMALL_PLAYER_CSS = { w: 854, h: 480 } as const;

export const SESSION_CONFOUNDER_KINDS = [
  'dropped-frames',
  'decoder-stalls',
  'hidden-tab',
  'small-player',
  'upscaled',
  'playback-rate',
  'short-session',
  'timing-hidden',
  'no-bitrate',
  'wireless',
  'preview',
  'raw-samples-pruned',
] as const;
export type SessionConfounderKind = (typeof SESSION_CONFOUNDER_KINDS)[number];
interface Rule {
  threshold: number;
  unit: 'share' | 'count' | 'factor' | 'ms' | 'flag';
  below?: true;
}

/**
 * One table. A session-level kind applies when its measured value is at least `threshold` (`below`:
 * under it). Units: `share` 0–1, `count`, `factor` (mean upscale, s − 1), `ms`, `flag` (1 when it holds).
 */
export const SESSION_RULES = {
  /** Dropped / decoded frames: the device struggled (REFERENCE: dropped frames point at the device). */
  'dropped-frames': { threshold: 0.05, unit: 'share' },
  /** Stalls with video already buffered: a device or decoder hold-up, not missing data. */
  'decoder-stalls': { threshold: 1, unit: 'count' },
  /** Share of watch time with the tab hidden: players may fetch less, or lower quality, there. */
  'hidden-tab': { threshold: 0.1, unit: 'share' },
  /** Share of playing time in a player under SMALL_PLAYER_CSS: players pick lower renditions for it. */
  'small-player': { threshold: 0.5, unit: 'share' },
  /** Mean upscale over playing time: a soft picture that is the window's size, not the stream's. */
  upscaled: { threshold: 0.5, unit: 'factor' },
  /** Share of playing time at a speed other than 1×, which needs more data per second watched. */
  'playback-rate': { threshold: 0.01, unit: 'share' },
  /** Watch time under a minute: the figures are noisy. */
  'short-session': { threshold: 60_000, unit: 'ms', below: true },
  /** Hosts that hid request sizes and timing: throughput covers only the others. */
  'timing-hidden': { threshold: 1, unit: 'count' },
  /** Share of playing time without a bitrate estimate. */
  'no-bitrate': { threshold: 1, unit: 'share' },
  /** On Wi-Fi or mobile data, whose speed varies with the radio. */
  wireless: { threshold: 1, unit: 'flag' },
  /** An autoplay preview, not playback the viewer started. */
  preview: { threshold: 1, unit: 'flag' },
  /** Retention removed the raw samples: per-second rules (small player, rate) could not be checked. */
  'raw-samples-pruned': { threshold: 1, unit: 'flag' },
} as const satisfies Record<SessionConfounderKind, Rule>;

/** Comparison-level thresholds: they need other sessions (a side, the service's best), not one session. */
export const COMPARISON_RULES = {
  /** Resolution cap: median throughput above this multiple of the median bitrate is ample headroom… */
  capHeadroom: 1.5,
  /** …judged on at least this many points of each… */
  capMinPoints: 10,
  /** …while the session stayed under this fraction of the best height the service played. */
  capHeightShare: 0.95,
  /** Median request sizes of the two sides differing by more than this factor. */
  requestSizeRatio: 4,
} as const;

export const COMPARISON_CONFOUNDER_KINDS = [
  'resolution-cap',
  'codec-change',
  'mixed-connections',
  'request-size',
  'throughput-source',
] as const;
export type ComparisonConfounderKind = (typeof COMPARISON_CONFOUNDER_KINDS)[number];
export type ConfounderKind = SessionConfounderKind | ComparisonConfounderKind;
export const CONFOUNDER_KINDS = [...SESSION_CONFOUNDER_KINDS, ...COMPARISON_CONFOUNDER_KINDS] as const;

export interface SessionConfounder {
  kind: SessionConfounderKind;
  /** What was measured, in the rule's unit. */
  value: number;
  threshold: number;
}

export type ConfounderAggregates = Pick<
  Aggregates,
  'watchMs' | 'playingMs' | 'hiddenMs' | 'droppedFrames' | 'totalFrames' | 'upSum' | 'brMs'
>;
export type ConfounderSample = Pick<Sample, 'state' | 'dt' | 'dw' | 'dh' | 'rate'>;
/** The parts of an event the rules read (every PlaybackEvent fits). */
export interface ConfounderEvent {
  kind: PlaybackEvent['kind'];
  cause?: string;
  timed?: boolean;
  host?: string;
}

/** One stored session as the rules read it (a StoredSession with its rows fits). */
export interface ConfounderInput {
  session: Partial<Pick<SessionMeta, 'preview' | 'connection'>> & {
    agg: ConfounderAggregates;
    rawPrunedAt?: number;
  };
  samples: readonly ConfounderSample[];
  events: readonly ConfounderEvent[];
  /** The line when known better than the session's own field (Compare's connection log). */
  connection?: SessionMeta['connection'];
}

/** Share of playing time the player was smaller than SMALL_PLAYER_CSS; null without playing samples. */
export function smallPlayerShare(samples: readonly ConfounderSample[]): number | null {
  let small = 0;
  let total = 0;
  for (const s of samples) {
    if (s.state !== 'playing' || s.dw <= 0 || s.dh <= 0) continue;
    total += s.dt;
    if (s.dw < SMALL_PLAYER_CSS.w && s.dh < SMALL_PLAYER_CSS.h) small += s.dt;
  }
  return total > 0 ? small / total : null;
}

function rateShare(samples: readonly ConfounderSample[]): number | null {
  let off = 0;
  let total = 0;
  for (const s of samples) {
    if (s.state !== 'playing') continue;
    total += s.dt;
    if (s.rate !== 1) off += s.dt;
  }
  return total > 0 ? off / total : null;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
const flag = (b: boolean) => (b ? 1 : null);

/** Each kind's measured value, or null when it cannot be measured (then it never applies). */
function measure(x: ConfounderInput): Record<SessionConfounderKind, number | null> {
  const { agg } = x.session;
  const line = x.connection ?? x.session.connection;
  const untimed = new Set(
    x.events.flatMap((e) => (e.kind === 'request' && e.timed === false ? [e.host ?? ''] : [])),
  );
  return {
    'dropped-frames': droppedRatio(agg),
    'decoder-stalls': x.events.filter((e) => e.kind === 'stall' && e.cause === 'decoder').length,
    'hidden-tab': ratio(agg.hiddenMs, agg.watchMs),
    'small-player': smallPlayerShare(x.samples),
    upscaled: meanUpscale(agg),
    'playback-rate': rateShare(x.samples),
    'short-session': agg.watchMs,
    'timing-hidden': untimed.size,
    'no-bitrate': agg.playingMs > 0 ? 1 - agg.brMs / agg.playingMs : null,
    wireless: flag(line === 'wifi' || line === 'cellular'),
    preview: flag(x.session.preview === true),
    'raw-samples-pruned': flag(x.session.rawPrunedAt !== undefined),
  };
}

/** The session-level confounders of one session, in SESSION_RULES order. */
export function sessionConfounders(x: ConfounderInput): SessionConfounder[] {
  const values = measure(x);
  const out: SessionConfounder[] = [];
  for (const kind of SESSION_CONFOUNDER_KINDS) {
    const value = values[kind];
    const rule: Rule = SESSION_RULES[kind];
    if (value === null || !Number.isFinite(value)) continue;
    if (rule.below ? value < rule.threshold : value >= rule.threshold)
      out.push({ kind, value, threshold: rule.threshold });
  }
  return out;
}
