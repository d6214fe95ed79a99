/**
 * Snapshots carry only their newest sparkline points; the worker's stored snapshot, which the popup
 * and the badge read, still holds the last minute.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
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

describe('a flood of live snapshots', () => {
  // A fresh worker for each test: its rate state lives in module memory, as in the real worker.
  let worker: typeof import('@/entrypoints/background/router');
  let liveOf: typeof getLive;
  const youtubeTab = {
    id: browser.runtime.id,
    url: 'https://www.youtube.com/watch?v=1',
    frameId: 0,
    tab: { id: 6, url: 'https://www.youtube.com/watch?v=1' },
  };
  beforeEach(async () => {
    fakeBrowser.reset();
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'], now: T0 });
    vi.resetModules();
    worker = await import('@/entrypoints/background/router');
    liveOf = (await import('@/entrypoints/background/live')).getLive;
  });
  afterEach(() => vi.useRealTimers());

  it('1,000 snapshots in a second cost the worker a few storage writes, and the badge ends on the newest', async () => {
    const writes = vi.spyOn(browser.storage.session, 'set');
    const paints = vi.spyOn(browser.action, 'setBadgeText');
    for (let i = 0; i < 1000; i++) {
      vi.setSystemTime(T0 + i);
      const snap = live({ stalls: i, updatedAt: T0 + i, spark: tail(Math.floor(i / 250)) });
      expect(await worker.route({ type: 'live', snapshot: snap }, youtubeTab as never)).toEqual({ ok: true });
    }
    await vi.advanceTimersByTimeAsync(1500);
    const liveWrites = writes.mock.calls.filter(([items]) =>
      Object.keys(items).some((k) => k.startsWith('live:')),
    );
    console.log(
      `1,000 live snapshots in 1 s: ${liveWrites.length} storage.session writes, ${paints.mock.calls.length} badge text calls`,
    );
    expect(liveWrites.length).toBeLessThanOrEqual(4);
    expect(paints.mock.calls.length).toBeLessThanOrEqual(4);
    const shown = await liveOf(6);
    expect(shown?.stalls).toBe(999);
    // No sparkline point is lost by the coalescing.
    expect(shown?.spark.map(([t]) => (t - T0) / 1000)).toEqual([0, 1, 2, 3]);
  });

  it('an end clears the badge at once, behind no rate, and no snapshot kept back comes after it', async () => {
    const snap = live({ updatedAt: T0 });
    await worker.route({ type: 'live', snapshot: snap }, youtubeTab as never);
    // The bucket is empty now: this snapshot waits for the rate, then the session ends.
    await worker.route(
      { type: 'live', snapshot: live({ updatedAt: T0 + 1, stalls: 3 }) },
      youtubeTab as never,
    );
    expect((await liveOf(6))?.sid).toBe(snap.sid);
    await worker.route({ type: 'liveEnded', sid: snap.sid }, youtubeTab as never);
    expect(await liveOf(6)).toBeNull();
    await vi.advanceTimersByTimeAsync(2000);
    expect(await liveOf(6)).toBeNull();
  });

  it('the worker paints what the browser says of the tab, not the host the snapshot claims', async () => {
    await worker.route(
      { type: 'live', snapshot: live({ service: 'netflix', pageHost: 'www.netflix.com' }) },
      youtubeTab as never,
    );
    await vi.advanceTimersByTimeAsync(1000);
    expect(await liveOf(6)).toMatchObject({ service: 'youtube', pageHost: 'www.youtube.com' });
  });
});
