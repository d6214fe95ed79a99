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
  /** The user's plan in kbps; a bitrate under a fifth of it is "well under". */
  planKbps?: number | null;
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
  const underPlan = !!opts.planKbps && s.br !== null && s.br < opts.planKbps / 5;
  const health: Health =
    s.state === 'stalled' ? 'stalling' : recentStall || recentDrop || underPlan ? 'degraded' : 'good';
  const reasons: BadgeReason[] = [];
  if (recentStall) reasons.push('stall');
  if (recentDrop) reasons.push('drop');
  if (underPlan) reasons.push('underPlan');
  const resolution = s.w && s.h ? `${s.w}×${s.h}` : null;
  const text = health === 'stalling' ? 'WAIT' : health === 'degraded' && cls.length < 4 ? `${cls}!` : cls;
  return { text, ...BADGE_COLORS[health], health, reasons, resolution, stalls: s.stalls };
}
