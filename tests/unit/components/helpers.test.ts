import { describe, expect, it } from 'vitest';
import { buckets, linePath, meanOf, niceMax, stepPath } from '@/components/chart-scale';
import { DAY_MS, dayKey, dayRange, groupByDay } from '@/components/dates';
import { readParams } from '@/entrypoints/popup/popup-data';
import { listOptions, PAGE_SIZE } from '@/entrypoints/popup/use-history';
import { createHistoryClient } from '@/utils/messaging/history-client';

const T = Date.UTC(2025, 10, 25, 23, 30);

describe('dates', () => {
  it('keys a session by the day where it was watched', () => {
    expect(dayKey(T, 0)).toBe('2025-11-25');
    expect(dayKey(T, 60)).toBe('2025-11-26');
    expect(dayKey(T, -1440)).toBe('2025-11-24');
  });

  it('groups consecutive sessions by day in input order', () => {
    const items = [T, T - 3_600_000, T - DAY_MS].map((startedAt) => ({ startedAt, tzOffsetMin: 0 }));
    expect(groupByDay(items).map((g) => [g.day, g.items.length])).toEqual([
      ['2025-11-25', 2],
      ['2025-11-24', 1],
    ]);
  });

  it('turns a date filter into [from, to) at the viewer offset, including the whole last day', () => {
    expect(dayRange('2025-11-01', '2025-11-02', 60)).toEqual({
      from: Date.UTC(2025, 10, 1) - 3_600_000,
      to: Date.UTC(2025, 10, 3) - 3_600_000,
    });
    expect(dayRange('', '', 0)).toEqual({});
    expect(dayRange('nonsense', '2025-11-02', 0)).toEqual({ to: Date.UTC(2025, 10, 3) });
  });
});

describe('chart-scale', () => {
  it('rounds axis tops up to readable values', () => {
    expect([niceMax(0), niceMax(4500), niceMax(4000), niceMax(130), niceMax(9100)]).toEqual([
      1, 5000, 4000, 150, 10_000,
    ]);
  });

  it('builds paths that break at nulls and gaps', () => {
    expect(
      linePath(
        [
          [0, 1],
          [1, 2],
          [2, null],
          [3, 4],
          [10, 5],
        ],
        5,
      ),
    ).toBe('M0 1L1 2M3 4M10 5');
    expect(
      stepPath([
        [0, 10],
        [5, 20],
        [6, 20],
      ]),
    ).toBe('M0 10H5V20H6V20');
  });

  it('buckets by time column and averages what is known', () => {
    const ts = [0, 1, 2, 50, 99, 100];
    expect(buckets(ts, (t) => t, 2)).toEqual([
      [0, 1, 2],
      [50, 99, 100],
    ]);
    expect(buckets([], (t: number) => t, 4)).toEqual([]);
    expect(meanOf([null, 2, 4])).toBe(3);
    expect(meanOf([null])).toBeNull();
  });
});

describe('popup data', () => {
  it('reads the tab, view and session from the URL', () => {
    expect(readParams('?tab=42')).toEqual({ tabId: 42, view: 'now', session: null });
    expect(readParams('?tab=-1&view=history')).toEqual({ view: 'history', session: null });
    expect(readParams('?session=abcdefgh12')).toEqual({ view: 'history', session: 'abcdefgh12' });
    expect(readParams('?session=<bad>').session).toBeNull();
  });

  it('asks for one page of 50 with the filter applied', () => {
    expect(PAGE_SIZE).toBe(50);
    expect(listOptions({ service: 'netflix', fromDay: '', toDay: '2025-11-02' }, 0)).toEqual({
      limit: 50,
      service: 'netflix',
      to: Date.UTC(2025, 10, 3),
    });
  });

  it('turns a refused getLive into an error and accepts an empty tab', async () => {
    const answering = (answer: unknown) => createHistoryClient(async () => answer);
    expect(await answering({ ok: true, result: null }).getLive(3)).toBeNull();
    await expect(answering({ ok: false, error: 'not allowed' }).getLive(3)).rejects.toThrow('not allowed');
    await expect(answering(undefined).getLive(3)).rejects.toThrow('no answer');
    await expect(answering({ ok: true, result: { stalls: 2 } }).getLive(3)).rejects.toThrow(
      'unexpected answer',
    );
  });
});
