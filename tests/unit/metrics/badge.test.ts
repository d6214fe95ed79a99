/**
 * The toolbar badge from a tab's live snapshot: text, colour and reasons for each health state, and the
 * "bitrate well under your plan" rule (sustained, and never for a stream at HD bitrates).
 */
import { describe, expect, it } from 'vitest';
import type { LiveSnapshot } from '@/utils/messaging/worker-protocol';
import { BADGE_COLORS, badgeFor, HD_FLOOR_KBPS, underPlan } from '@/utils/metrics/badge';

const NOW = 1_800_000_000_000;

function snap(over: Partial<LiveSnapshot> = {}, kbps: number | null = 5_000, seconds = 12): LiveSnapshot {
  return {
    sid: 'badge-session-1',
    service: 'netflix',
    pageHost: 'www.netflix.com',
    state: 'playing',
    w: 1920,
    h: 1080,
    br: kbps,
    buf: 20,
    stalls: 0,
    stallMs: 0,
    startupMs: 800,
    lastStallAt: null,
    lastDropAt: null,
    spark: Array.from(
      { length: seconds },
      (_, i) => [NOW - (seconds - 1 - i) * 1_000, kbps, 0] as [number, number | null, 0 | 1],
    ),
    updatedAt: NOW,
    ...over,
  };
}

describe('badgeFor', () => {
  it('playing well: the resolution class on green', () => {
    const b = badgeFor(snap(), NOW);
    expect(b).toMatchObject({ text: '1080', health: 'good', reasons: [], ...BADGE_COLORS.good });
  });

  it('stalling now: WAIT on red, whatever else is true', () => {
    const b = badgeFor(snap({ state: 'stalled', lastDropAt: NOW - 5_000 }), NOW);
    expect(b).toMatchObject({ text: 'WAIT', health: 'stalling', ...BADGE_COLORS.stalling });
  });

  it('a stall or a drop in the last minute: amber, the class marked with "!"', () => {
    expect(badgeFor(snap({ h: 720, w: 1280, lastStallAt: NOW - 30_000 }), NOW)).toMatchObject({
      text: '720!',
      health: 'degraded',
      reasons: ['stall'],
    });
    expect(badgeFor(snap({ lastDropAt: NOW - 61_000 }), NOW).health).toBe('good');
  });

  it('nothing playing: blank', () => {
    expect(badgeFor(null, NOW).text).toBe('');
    expect(badgeFor(snap({ state: 'ended' }), NOW).text).toBe('');
  });
});

describe('bitrate well under the plan', () => {
  const PLAN_100 = 100_000;

  it('a 1.5 Mbps picture for 10 s on a 100 Mbps plan is amber, with the reason', () => {
    const b = badgeFor(snap({ w: 854, h: 480 }, 1_500), NOW, { planKbps: PLAN_100 });
    expect(b).toMatchObject({ health: 'degraded', reasons: ['underPlan'], text: '480!' });
  });

  it('a stream at HD bitrates is never "under the plan", however fast the plan', () => {
    expect(underPlan(snap({}, HD_FLOOR_KBPS + 1), NOW, 1_000_000)).toBe(false);
    expect(badgeFor(snap({}, 5_000), NOW, { planKbps: 1_000_000 }).health).toBe('good');
  });

  it('on a slow plan, only under a fifth of it', () => {
    expect(underPlan(snap({}, 900), NOW, 5_000)).toBe(true); // line: 1,000 kbps
    expect(underPlan(snap({}, 1_200), NOW, 5_000)).toBe(false);
  });

  it('needs 10 s of it: a player starting low, one high point, or unknown bitrate is not enough', () => {
    expect(underPlan(snap({}, 1_500, 5), NOW, PLAN_100)).toBe(false);
    const oneHigh = snap({}, 1_500);
    (oneHigh.spark[6] as [number, number | null, number])[1] = 6_000;
    expect(underPlan(oneHigh, NOW, PLAN_100)).toBe(false);
    expect(underPlan(snap({}, null), NOW, PLAN_100)).toBe(false);
  });

  it('without a plan in the settings, never', () => {
    expect(underPlan(snap({}, 300), NOW, null)).toBe(false);
    expect(badgeFor(snap({}, 300), NOW).health).toBe('good');
  });

  it('not while paused or seeking', () => {
    expect(badgeFor(snap({ state: 'paused' }, 1_500), NOW, { planKbps: PLAN_100 }).health).toBe('good');
  });
});
