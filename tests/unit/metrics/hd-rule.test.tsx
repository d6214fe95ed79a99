/**
 * One HD rule: every place that says "HD" or "720p" agrees with the frame-size table, so a portrait
 * 405×720 or a 1216×684 frame is the same thing on the badge, in the chart, the scores and the evidence.
 */
import { describe, expect, it } from 'vitest';
import { BitrateChart } from '@/components/evidence/bitrate-chart';
import { scoresOf } from '@/components/session-scores';
import type { StoredSession } from '@/utils/db';
import { sessionRecord } from '@/utils/evidence/record';
import { emptyAggregates, foldSample, share720, share1080 } from '@/utils/metrics/aggregate';
import { badgeFor } from '@/utils/metrics/badge';
import { isFullHd, isHd, resolutionClass } from '@/utils/metrics/resolution';
import type { Sample } from '@/utils/schema/playback';
import { live, mount, session as stored, T0 } from '../components/fixtures';
import { FRAME_SIZES } from './frame-sizes';

const SID = 'hd-rule-session-1';

/** Ten playing seconds at w×h, shown at native size (no upscaling, so the picture score is HD's alone). */
function played(w: number, h: number): { session: StoredSession; samples: Sample[] } {
  const samples: Sample[] = Array.from({ length: 10 }, (_, i) => ({
    sid: SID,
    seq: i,
    t: T0 + i * 1000,
    dt: 1000,
    state: 'playing',
    mt: i,
    buf: 10,
    w,
    h,
    dw: w,
    dh: h,
    br: 3000,
    tp: 9000,
    df: 0,
    tf: 30,
    rate: 1,
    hidden: false,
  }));
  const agg = samples.reduce(foldSample, emptyAggregates());
  const session: StoredSession = stored(SID, { agg });
  return { session, samples };
}

describe.each(FRAME_SIZES)('$name ($w×$h)', ({ w, h, cls, hd, fullHd }) => {
  const { session, samples } = played(w, h);

  it('is classed and counted by the one rule', () => {
    expect(resolutionClass(w, h)).toBe(cls);
    expect(isHd(w, h)).toBe(hd);
    expect(isFullHd(w, h)).toBe(fullHd);
  });

  it('counts as HD time in the aggregate (the picture score and the letter read it)', () => {
    expect(share720(session.agg)).toBe(hd ? 1 : 0);
    expect(share1080(session.agg)).toBe(fullHd ? 1 : 0);
    // Shown at native size: the picture score is 100 in HD and 75 below it (docs/scores.md).
    expect(scoresOf(session.agg).picture).toBeCloseTo(hd ? 100 : 75, 6);
  });

  it('is labelled so on the badge', () => {
    expect(badgeFor(live({ w, h, state: 'playing' }), T0).text).toBe(cls);
  });

  it('has the same share in the evidence and the same colour in the report chart', () => {
    const record = sessionRecord({ session, samples, events: [] }, 'subject');
    expect(record.summary.share720).toBe(hd ? 1 : 0);
    expect(record.summary.hd720Ms).toBe(hd ? 10_000 : 0);
    const chart = mount(<BitrateChart session={record} />);
    const strip = [...chart.querySelectorAll('rect.hd, rect.sd')].map((r) => r.getAttribute('class'));
    expect(strip).toEqual([hd ? 'hd' : 'sd']);
  });
});
