/**
 * What the toolbar badge says for a tab's live snapshot. Colour is never the only signal: the three
 * states differ in luminance and text colour too, stalling replaces the text with WAIT, and the
 * title spells the state out (the worker words it from `health`, `reasons`, `resolution`, `stalls`).
 */
import type { LiveSnapshot } from '../messaging/worker-protocol';
import { resolutionClass } from './resolution';

export type Health = 'good' | 'degraded' | 'stalling';
/** Why a badge says degraded: a recent stall, a recent resolution drop, a bitrate far under the plan. */
export type BadgeReason = 'stall' | 'drop' | 'underPlan';
export interface Badge {
  text: string;
  color: string;
  textColor: string;
  health: Health | null;
  reasons: BadgeReason[];
  /** '1280×720', or null when unknown. */
  resolution: string | null;
  /** Stalls so far in this session. */
  stalls: number;
}

export const BADGE_COLORS: Record<Health, { color: string; textColor: string }> = {
  good: { color: '#116329', textColor: '#ffffff' },
  degraded: { color: '#f2c744', textColor: '#1f2328' },
  stalling: { color: '#b3261e', textColor: '#ffffff' },
};

const RECENT_MS = 60_000;

export interface BadgeOptions {
  /** The user's plan (download speed) in kbps, from the settings; null when not given. */
  planKbps?: number | null;
}

/** About what a 720p stream needs: above it, a video is not "starved" whatever the plan. */
export const HD_FLOOR_KBPS = 3_000;
/** How long the bitrate must stay under the line before the badge says so (ABR starts low). */
export const UNDER_PLAN_SUSTAINED_MS = 10_000;

/**
 * The bitrate is "well under the plan" when, for the last 10 s, every estimate was under a fifth of the
 * plan and under HD_FLOOR_KBPS. A video's bitrate is capped by the best rendition the service offers, so
 * a fast plan alone never makes a good 1080p stream look degraded; a 100 Mbps plan delivering a
 * 1.5 Mbps picture does.
 */
export function underPlan(s: LiveSnapshot, now: number, planKbps: number | null | undefined): boolean {
  if (!planKbps || !(planKbps > 0)) return false;
  const line = Math.min(planKbps / 5, HD_FLOOR_KBPS);
  const recent = s.spark.filter(([t]) => t > now - UNDER_PLAN_SUSTAINED_MS && t <= now);
  // At least 8 one-second points in the last 10 s: a short or patchy history says nothing yet.
  if (recent.length < 8) return false;
  return recent.every(([, br]) => br !== null && br < line);
}

export function badgeFor(s: LiveSnapshot | null, now: number, opts: BadgeOptions = {}): Badge {
  if (!s || s.state === 'ended')
    return {
      text: '',
      color: '#000000',
      textColor: '#ffffff',
      health: null,
      reasons: [],
      resolution: null,
      stalls: 0,
    };
  const cls = resolutionClass(s.w, s.h);
  const recentStall = s.lastStallAt !== null && now - s.lastStallAt < RECENT_MS;
  const recentDrop = s.lastDropAt !== null && now - s.lastDropAt < RECENT_MS;
  const starved = s.state === 'playing' && underPlan(s, now, opts.planKbps);
  const health: Health =
    s.state === 'stalled' ? 'stalling' : recentStall || recentDrop || starved ? 'degraded' : 'good';
  const reasons: BadgeReason[] = [];
  if (recentStall) reasons.push('stall');
  if (recentDrop) reasons.push('drop');
  if (starved) reasons.push('underPlan');
  const resolution = s.w && s.h ? `${s.w}×${s.h}` : null;
  const text = health === 'stalling' ? 'WAIT' : health === 'degraded' && cls.length < 4 ? `${cls}!` : cls;
  return { text, ...BADGE_COLORS[health], health, reasons, resolution, stalls: s.stalls };
}
