import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { HistoryFilter, NO_FILTER } from '@/components/history-filter';
import { FIRST_ROWS, HistoryList, type HistoryLoad } from '@/components/history-list';
import { allById, byId, exampleAgg, mount, session, T0, text } from './fixtures';

const HOUR = 3_600_000;
const noop = () => {};

function list(load: HistoryLoad, over: Partial<Parameters<typeof HistoryList>[0]> = {}) {
  return mount(
    <HistoryList
      load={load}
      filtered={false}
      onOpen={noop}
      onMore={noop}
      onRetry={noop}
      locale="en-US"
      {...over}
    />,
  );
}

const ready = (sessions: ReturnType<typeof session>[], more: Partial<HistoryLoad> = {}): HistoryLoad =>
  ({ status: 'ready', sessions, hasMore: false, loadingMore: false, ...more }) as HistoryLoad;

describe('HistoryList', () => {
  it('shows loading, then a clear error with a retry', () => {
    expect(text(list({ status: 'loading' }), 'history-loading')).toContain('Loading history');
    const onRetry = vi.fn();
    const el = list({ status: 'error', message: 'UnknownError: disk I/O' }, { onRetry });
    const err = byId(el, 'history-error');
    expect(err?.getAttribute('role')).toBe('alert');
    expect(err?.textContent).toContain('History is unavailable');
    expect(err?.textContent).toContain('disk I/O');
    err?.querySelector('button')?.click();
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('has an empty state, worded for filters when a filter is on', () => {
    expect(text(list(ready([])), 'history-empty')).toContain('No sessions recorded yet');
    expect(text(list(ready([]), { filtered: true }), 'history-empty')).toBe(
      'No sessions match these filters.',
    );
  });

  it('groups sessions by the local day they were watched, newest first', () => {
    // 19:00 UTC on the 25th; the last one is 23:30 at UTC−5 on the 24th = 04:30 UTC on the 25th.
    const sessions = [
      session('s-evening-2', { startedAt: T0 + 2 * HOUR }),
      session('s-evening-1', { startedAt: T0 }),
      session('s-late-night', { startedAt: T0 - 14.5 * HOUR, tzOffsetMin: -300 }),
    ];
    const el = list(ready(sessions));
    const days = allById(el, 'history-day');
    expect(days.map((d) => d.dataset.day)).toEqual(['2025-11-25', '2025-11-24']);
    expect(days[0]?.textContent).toBe('Tue, Nov 25, 2025');
    const groups = [...el.querySelectorAll('section.day')];
    expect(groups.map((g) => allById(g, 'history-row').map((r) => r.dataset.sessionId))).toEqual([
      ['s-evening-2', 's-evening-1'],
      ['s-late-night'],
    ]);
    expect(groups[1]?.querySelector('.row-time')?.textContent).toBe('11:30 PM');
  });

  it('shows duration, mean bitrate, stalls, time at ≥ 720p and the score of each session', () => {
    const el = list(ready([session('s-1'), session('s-2', { agg: exampleAgg({ stallCount: 1 }) })]));
    const [row] = allById(el, 'history-row');
    if (!row) throw new Error('no row');
    expect(text(row, 'history-duration')).toBe('30 min 00 s');
    expect(text(row, 'history-bitrate')).toBe('4.2 Mbps');
    expect(text(row, 'history-stalls')).toBe('2 stalls');
    expect(text(row, 'history-hd')).toBe('90% ≥ 720p');
    expect(text(row, 'history-score')).toBe('83');
    expect(text(allById(el, 'history-row')[1] as HTMLElement, 'history-stalls')).toBe('1 stall');
  });

  it('opens a session with its id', () => {
    const onOpen = vi.fn();
    const el = list(ready([session('s-open-me')]), { onOpen });
    byId(el, 'history-row')?.click();
    expect(onOpen).toHaveBeenCalledWith('s-open-me');
  });

  it('offers older sessions only when there are more, and not twice at once', () => {
    expect(byId(list(ready([session('s-1')])), 'history-more')).toBeNull();
    const onMore = vi.fn();
    const el = list(ready([session('s-1')], { hasMore: true }), { onMore });
    byId(el, 'history-more')?.click();
    expect(onMore).toHaveBeenCalledOnce();
    const busy = list(ready([session('s-1')], { hasMore: true, loadingMore: true }));
    expect((byId(busy, 'history-more') as HTMLButtonElement).disabled).toBe(true);
    const failed = list(ready([session('s-1')], { hasMore: true, moreError: 'AbortError' }));
    expect(text(failed, 'history-more-error')).toContain('AbortError');
    expect(allById(failed, 'history-row')).toHaveLength(1);
  });

  it('renders the first screenful of rows at once and the rest after that frame', async () => {
    const many = Array.from({ length: 30 }, (_, i) => session(`s-${String(i).padStart(2, '0')}`));
    const el = list(ready(many, { hasMore: true }));
    const ids = () => allById(el, 'history-row').map((r) => r.dataset.sessionId);
    expect(ids()).toEqual(many.slice(0, FIRST_ROWS).map((s) => s.id));
    // "Older sessions" belongs under the whole page, not under its first rows.
    expect(byId(el, 'history-more')).toBeNull();
    await vi.waitFor(() => expect(ids()).toEqual(many.map((s) => s.id)));
    expect(byId(el, 'history-more')).not.toBeNull();
  });

  it('comes back to a row below the first screenful with every row there and focus on it', () => {
    const many = Array.from({ length: 30 }, (_, i) => session(`s-${String(i).padStart(2, '0')}`));
    const el = list(ready(many), { focusId: 's-25' });
    expect(allById(el, 'history-row')).toHaveLength(30);
    expect((document.activeElement as HTMLElement | null)?.dataset.sessionId).toBe('s-25');
  });

  it('puts focus back on the row of the session just closed', () => {
    const el = list(ready([session('s-1'), session('s-2')]), { focusId: 's-2' });
    expect(document.activeElement).toBe(allById(el, 'history-row')[1]);
  });
});

describe('HistoryFilter', () => {
  it('reports a service choice and clears all filters', () => {
    const onChange = vi.fn();
    const el = mount(<HistoryFilter value={NO_FILTER} onChange={onChange} />);
    expect(byId(el, 'filter-clear')).toBeNull();
    const select = byId(el, 'filter-service') as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toContain('Netflix');
    act(() => {
      select.value = 'netflix';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(onChange).toHaveBeenLastCalledWith({ service: 'netflix', fromDay: '', toDay: '' });

    const filtered = mount(
      <HistoryFilter value={{ service: 'twitch', fromDay: '2025-11-01', toDay: '' }} onChange={onChange} />,
    );
    byId(filtered, 'filter-clear')?.click();
    expect(onChange).toHaveBeenLastCalledWith(NO_FILTER);
  });

  it('warns when the range is reversed', () => {
    const el = mount(
      <HistoryFilter value={{ service: '', fromDay: '2025-11-20', toDay: '2025-11-10' }} onChange={noop} />,
    );
    expect(el.textContent).toContain('“From” is after “To”');
  });
});
