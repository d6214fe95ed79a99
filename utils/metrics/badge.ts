/**
 * What the toolbar badge says for a tab's live snapshot. Colour is never the only signal: the three
 * states differ in luminance and text colour too, stalling replaces the text with WAIT, and the
 * title spells the state out.
 */
import type { LiveSnapshot } from '../messaging/worker-protocol';
import { resolutionClass } from './resolution';

export type Health = 'good' | 'degraded' | 'stalling';
export interface Badge {
  text: string;
  color: string;
  textColor: string;
  title: string;
  health: Health | null;
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
    return { text: '', color: '#000000', textColor: '#ffffff', title: 'StreamWitness', health: null };
  const cls = resolutionClass(s.w, s.h);
  const recentStall = s.lastStallAt !== null && now - s.lastStallAt < RECENT_MS;
  const recentDrop = s.lastDropAt !== null && now - s.lastDropAt < RECENT_MS;
  const underPlan = !!opts.planKbps && s.br !== null && s.br < opts.planKbps / 5;
  const health: Health =
    s.state === 'stalled' ? 'stalling' : recentStall || recentDrop || underPlan ? 'degraded' : 'good';
  const reasons = [
    recentStall && 'a stall in the last minute',
    recentDrop && 'resolution dropped in the last minute',
    underPlan && 'bitrate far under your plan',
  ].filter(Boolean);
  const res = s.w && s.h ? `${s.w}×${s.h}` : 'unknown resolution';
  const title =
    health === 'stalling'
      ? `Stalling now — ${res}, ${s.stalls} stall(s) this session`
      : health === 'degraded'
        ? `Degraded: ${reasons.join(', ')} — ${res}`
        : `Playing well — ${res}`;
  const text = health === 'stalling' ? 'WAIT' : health === 'degraded' && cls.length < 4 ? `${cls}!` : cls;
  return { text, ...BADGE_COLORS[health], title: `StreamWitness: ${title}`, health };
}
