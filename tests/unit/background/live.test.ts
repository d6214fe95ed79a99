/**
 * Snapshots carry only their newest sparkline points; the worker's stored snapshot, which the popup
 * and the badge read, still holds the last minute.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { badgeSettingChanged, getLive, setLive } from '@/entrypoints/background/live';
import { SPARK_TAIL, SPARK_WINDOW, type SparkPoint } from '@/utils/metrics/spark';
import { live } from '../components/fixtures';

const T0 = live().updatedAt;
/** What a snapshot at `second` carries: the points of the last SPARK_TAIL seconds, from second 0. */
const tail = (second: number): SparkPoint[] => {
  const out: SparkPoint[] = [];
  for (let s = Math.max(0, second - SPARK_TAIL + 1); s <= second; s++) out.push([T0 + s * 1000, 3000 + s, 0]);
  return out;
};

describe('setLive', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    await badgeSettingChanged();
    vi.spyOn(Date, 'now').mockReturnValue(T0);
  });

  it('grows the stored sparkline from each snapshot’s newest points, up to a minute', async () => {
    // A snapshot every 2 s, the last at second 89.
    for (let s = 1; s < 90; s += 2) await setLive(3, live({ spark: tail(s), updatedAt: T0 + s * 1000 }));
    const stored = await getLive(3);
    expect(stored?.spark.map(([t]) => (t - T0) / 1000)).toEqual(
      Array.from({ length: SPARK_WINDOW }, (_, i) => 90 - SPARK_WINDOW + i),
    );
  });

  it('does not mix two sessions’ sparklines', async () => {
    await setLive(3, live({ sid: 'session-a', spark: tail(3) }));
    await setLive(3, live({ sid: 'session-b', state: 'stalled', spark: tail(1) }));
    expect((await getLive(3))?.spark).toEqual(tail(1));
  });
});
