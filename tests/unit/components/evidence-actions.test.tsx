import { describe, expect, it, vi } from 'vitest';
import { describeFilter, EvidenceActions, filterQuery, sessionQuery } from '@/components/evidence-actions';
import { type HistoryFilterValue, NO_FILTER } from '@/components/history-filter';
import { parseSelection } from '@/utils/evidence/scope';
import { byId, mount, text } from './fixtures';

const NOW = Date.UTC(2026, 10, 25, 20, 0, 0);
const DAY = 86_400_000;
/** The evidence pages read the query at the machine's offset; the popup filter uses the same days. */
const OFFSET = 60;
const localMidnight = (day: string) => Date.parse(`${day}T00:00:00Z`) - OFFSET * 60_000;

const parsed = (f: HistoryFilterValue) => {
  const q = filterQuery(f);
  if (q === null) throw new Error('no query');
  return parseSelection(new URLSearchParams(q), NOW, OFFSET);
};

describe('filterQuery: what the history shows is what the evidence pages select', () => {
  it('no filter is everything stored, not the default last 30 days', () => {
    expect(parsed(NO_FILTER)).toEqual({
      ok: true,
      selection: { kind: 'range', from: null, to: null, service: null },
    });
  });

  it('a service alone is everything of that service', () => {
    expect(parsed({ ...NO_FILTER, service: 'netflix' })).toEqual({
      ok: true,
      selection: { kind: 'range', from: null, to: null, service: 'netflix' },
    });
  });

  it('days are local and both inclusive, as in the history filter', () => {
    expect(parsed({ service: 'youtube', fromDay: '2026-11-01', toDay: '2026-11-25' })).toEqual({
      ok: true,
      selection: {
        kind: 'range',
        from: localMidnight('2026-11-01'),
        to: localMidnight('2026-11-25') + DAY,
        service: 'youtube',
      },
    });
    expect(parsed({ ...NO_FILTER, fromDay: '2026-11-20' })).toEqual({
      ok: true,
      selection: { kind: 'range', from: localMidnight('2026-11-20'), to: null, service: null },
    });
    expect(parsed({ ...NO_FILTER, toDay: '2026-11-20' })).toEqual({
      ok: true,
      selection: { kind: 'range', from: null, to: localMidnight('2026-11-21'), service: null },
    });
  });

  it('a reversed range selects nothing, so no query is offered', () => {
    expect(filterQuery({ ...NO_FILTER, fromDay: '2026-11-25', toDay: '2026-11-01' })).toBeNull();
  });

  it('a session id round-trips', () => {
    expect(parseSelection(new URLSearchParams(sessionQuery('abc_DEF-12345')), NOW, OFFSET)).toEqual({
      ok: true,
      selection: { kind: 'sessions', ids: ['abc_DEF-12345'] },
    });
  });

  it('describes the selection in words', () => {
    expect(describeFilter(NO_FILTER)).toBe('All services, everything recorded');
    expect(describeFilter({ service: 'netflix', fromDay: '2026-11-01', toDay: '2026-11-25' })).toBe(
      'Netflix, 2026-11-01 – 2026-11-25',
    );
    expect(describeFilter({ ...NO_FILTER, fromDay: '2026-11-01', toDay: '2026-11-01' })).toBe(
      'All services, 2026-11-01',
    );
    expect(describeFilter({ ...NO_FILTER, toDay: '2026-11-01' })).toBe('All services, up to 2026-11-01');
  });
});

describe('EvidenceActions', () => {
  it('opens the report or the complaint page for the current filter', () => {
    const onOpen = vi.fn();
    const filter: HistoryFilterValue = { service: 'netflix', fromDay: '2026-11-01', toDay: '' };
    const el = mount(<EvidenceActions filter={filter} onOpen={onOpen} />);
    expect(text(el, 'evidence-scope')).toBe('Netflix, from 2026-11-01');
    byId(el, 'history-export')?.click();
    byId(el, 'history-complain')?.click();
    expect(onOpen.mock.calls).toEqual([
      ['report', 'from=2026-11-01&service=netflix'],
      ['complaint', 'from=2026-11-01&service=netflix'],
    ]);
    // Real buttons: reachable with Tab and pressed with Enter or Space.
    expect(byId(el, 'history-export')?.tagName).toBe('BUTTON');
  });

  it('offers nothing for a reversed range', () => {
    const el = mount(
      <EvidenceActions
        filter={{ ...NO_FILTER, fromDay: '2026-11-25', toDay: '2026-11-01' }}
        onOpen={vi.fn()}
      />,
    );
    expect(byId(el, 'history-evidence')).toBeNull();
  });
});
