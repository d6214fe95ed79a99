import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { sessionsQuery } from '@/components/evidence-actions';
import { HistoryList, type HistoryLoad } from '@/components/history-list';
import { SelectionBar } from '@/components/history-selection';
import { MAX_IDS, parseSelection } from '@/utils/evidence/scope';
import { allById, byId, mount, session, T0, text } from './fixtures';

const idsOf = (query: string | null) => {
  if (query === null) throw new Error('no query');
  const parsed = parseSelection(new URLSearchParams(query), T0, 0);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.selection.kind === 'sessions' ? parsed.selection.ids : null;
};

const ids = (n: number) =>
  Array.from({ length: n }, (_, i) => `picked-session-${String(i).padStart(4, '0')}`);

describe('sessionsQuery: the ids picked are the ids the evidence pages select', () => {
  it('round-trips through parseSelection, in the order picked', () => {
    const q = sessionsQuery(['s-b_00000002', 's-a-00000001', 'Zz_9-0000']);
    expect(q).toBe('sessions=s-b_00000002,s-a-00000001,Zz_9-0000');
    expect(idsOf(q)).toEqual(['s-b_00000002', 's-a-00000001', 'Zz_9-0000']);
  });

  it('sends up to MAX_IDS and nothing past it, or for an empty selection', () => {
    expect(idsOf(sessionsQuery(ids(MAX_IDS)))).toHaveLength(MAX_IDS);
    expect(sessionsQuery(ids(MAX_IDS + 1))).toBeNull();
    expect(sessionsQuery([])).toBeNull();
  });
});

const ready = (sessions: ReturnType<typeof session>[]): HistoryLoad => ({
  status: 'ready',
  sessions,
  hasMore: false,
  loadingMore: false,
});

describe('HistoryList while selecting', () => {
  const sessions = [
    session('s-first', { startedAt: T0 + 3_600_000 }),
    session('s-second', { service: 'netflix', pageHost: 'www.netflix.com' }),
  ];

  it('puts a named checkbox beside each row button, never inside it', () => {
    const onToggle = vi.fn();
    const onOpen = vi.fn();
    const el = mount(
      <HistoryList
        load={ready(sessions)}
        filtered={false}
        onOpen={onOpen}
        onMore={vi.fn()}
        onRetry={vi.fn()}
        locale="en-US"
        selected={new Set(['s-second'])}
        onToggle={onToggle}
      />,
    );
    const boxes = allById(el, 'history-check') as HTMLInputElement[];
    expect(boxes.map((b) => b.type)).toEqual(['checkbox', 'checkbox']);
    expect(boxes.map((b) => b.checked)).toEqual([false, true]);
    expect(boxes.map((b) => b.getAttribute('aria-label'))).toEqual([
      'Select YouTube, Tue, Nov 25, 2025, 8:00 PM',
      'Select Netflix, Tue, Nov 25, 2025, 7:00 PM',
    ]);
    for (const row of allById(el, 'history-row')) {
      expect(row.querySelector('input, button, a, select')).toBeNull();
      expect(row.parentElement?.querySelector('input')?.nextElementSibling).toBe(row);
    }
    // A native checkbox: in the Tab order, and Space ticks it.
    expect(boxes[0]?.tabIndex).toBe(0);
    act(() => boxes[0]?.click());
    expect(onToggle).toHaveBeenCalledWith(sessions[0]);
    expect(onOpen).not.toHaveBeenCalled();
    byId(el, 'history-row')?.click();
    expect(onOpen).toHaveBeenCalledWith('s-first');
  });

  it('has no checkboxes when not selecting', () => {
    const el = mount(
      <HistoryList
        load={ready(sessions)}
        filtered={false}
        onOpen={vi.fn()}
        onMore={vi.fn()}
        onRetry={vi.fn()}
      />,
    );
    expect(allById(el, 'history-check')).toEqual([]);
  });
});

describe('SelectionBar', () => {
  it('counts the selection and opens the report or the complaint for exactly those ids', () => {
    const onOpen = vi.fn();
    const picked = ['s-one-0001', 's-two-0002', 's-three-0003'];
    const el = mount(<SelectionBar ids={picked} onClear={vi.fn()} onOpen={onOpen} />);
    expect(text(el, 'selection-count')).toBe('3 selected');
    expect(byId(el, 'selection-count')?.getAttribute('role')).toBe('status');
    byId(el, 'selection-export')?.click();
    byId(el, 'selection-complain')?.click();
    expect(onOpen.mock.calls.map(([page]) => page)).toEqual(['report', 'complaint']);
    for (const [, query] of onOpen.mock.calls) expect(idsOf(query)).toEqual(picked);
    expect(byId(el, 'selection-too-many')).toBeNull();
  });

  it('offers nothing to open and nothing to clear while none is picked', () => {
    const el = mount(<SelectionBar ids={[]} onClear={vi.fn()} onOpen={vi.fn()} />);
    expect(text(el, 'selection-count')).toBe('0 selected');
    for (const id of ['selection-export', 'selection-complain', 'selection-clear'])
      expect((byId(el, id) as HTMLButtonElement).disabled, id).toBe(true);
  });

  it('says so past MAX_IDS and opens nothing', () => {
    const onOpen = vi.fn();
    const el = mount(<SelectionBar ids={ids(MAX_IDS + 1)} onClear={vi.fn()} onOpen={onOpen} />);
    expect(text(el, 'selection-count')).toBe(`${(MAX_IDS + 1).toLocaleString('en')} selected`);
    expect(byId(el, 'selection-too-many')?.getAttribute('role')).toBe('alert');
    expect(text(el, 'selection-too-many')).toContain(`At most ${MAX_IDS} sessions`);
    expect((byId(el, 'selection-export') as HTMLButtonElement).disabled).toBe(true);
    byId(el, 'selection-export')?.click();
    expect(onOpen).not.toHaveBeenCalled();
  });

  it('selects all shown and clears on request', () => {
    const onSelectShown = vi.fn();
    const onClear = vi.fn();
    const el = mount(
      <SelectionBar ids={['s-one-0001']} onSelectShown={onSelectShown} onClear={onClear} onOpen={vi.fn()} />,
    );
    expect(text(el, 'selection-count')).toBe('1 selected');
    byId(el, 'selection-all')?.click();
    byId(el, 'selection-clear')?.click();
    expect(onSelectShown).toHaveBeenCalledOnce();
    expect(onClear).toHaveBeenCalledOnce();
    expect(
      byId(mount(<SelectionBar ids={[]} onClear={onClear} onOpen={vi.fn()} />), 'selection-all'),
    ).toBeNull();
  });
});
