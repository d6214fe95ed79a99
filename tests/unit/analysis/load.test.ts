import { describe, expect, it } from 'vitest';
import type { SessionHistory } from '@/utils/analysis/history';
import { type CompareReader, loadComparison } from '@/utils/analysis/load';
import type { ListOptions, SessionDetail } from '@/utils/db';
import { DAY0, HOUR, sameEvenings } from './history-fixtures';

/** A reader over fixture histories, newest first, paged like the store; it records what was asked. */
function reader(history: SessionHistory[], missing: string[] = []) {
  const asked: ListOptions[] = [];
  const byNewest = [...history].sort((a, b) => b.session.startedAt - a.session.startedAt);
  const r: CompareReader = {
    async listSessions(o) {
      asked.push(o);
      const inWindow = byNewest.filter(
        (h) =>
          h.session.startedAt >= (o.from ?? 0) && h.session.startedAt < (o.to ?? Number.POSITIVE_INFINITY),
      );
      const start = o.before ? inWindow.findIndex((h) => h.session.id === o.before?.id) + 1 : 0;
      const rows = inWindow.slice(start, start + (o.limit ?? 50));
      const last = rows[rows.length - 1];
      return {
        sessions: rows.map((h) => ({ ...h.session, id: h.session.id }) as never),
        ...(start + rows.length < inWindow.length && last
          ? { next: { startedAt: last.session.startedAt, id: last.session.id } }
          : {}),
      };
    },
    async getSession(id) {
      if (missing.includes(id)) return null;
      return (history.find((h) => h.session.id === id) ?? null) as SessionDetail | null;
    },
  };
  return { r, asked };
}

describe('loadComparison', () => {
  const throttled = sameEvenings(
    { service: 'netflix', kbps: 1_000, brKbps: 800 },
    { service: 'youtube', kbps: 20_000, brKbps: 4_000 },
    3,
  );
  const window = { from: DAY0, to: DAY0 + 10 * 24 * HOUR };

  it('reads every session of the window, page by page, and compares them', async () => {
    const { r, asked } = reader(throttled);
    const got = await loadComparison(r, window);
    expect(got.sessionsRead).toBe(6);
    expect(got.truncated).toBe(false);
    expect(asked.every((o) => o.from === window.from && o.to === window.to)).toBe(true);
    expect(got.summary.pairs[0]?.verdict).toBe('differentiation');
    expect(got.summary.pairs[0]?.slower).toBe('netflix');
  });

  it('stops at maxSessions (newest first) and says so; a session gone meanwhile is skipped', async () => {
    const { r } = reader(throttled, ['youtube-day2']);
    const got = await loadComparison(r, window, { maxSessions: 4 });
    expect(got.truncated).toBe(true);
    expect(got.sessionsRead).toBe(3);
    expect(got.summary.services.map((s) => [s.key, s.sessions])).toEqual([
      ['netflix', 2],
      ['youtube', 1],
    ]);
  });

  it('leaves sessions outside the window out', async () => {
    const { r } = reader(throttled);
    const got = await loadComparison(r, { from: DAY0 + 24 * HOUR, to: window.to });
    expect(got.sessionsRead).toBe(4);
  });
});
