import { useState } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { Sparkline, sparklineSummary } from '@/components/sparkline';
import { StatusNotes } from '@/components/status-notes';
import { Tabs } from '@/components/tabs';
import { byId, mount, T0, text } from './fixtures';

const TABS = [
  { id: 'now', label: 'Now playing' },
  { id: 'history', label: 'History' },
  { id: 'third', label: 'Third' },
] as const;
type Id = (typeof TABS)[number]['id'];

function TabsHarness({ onSelect }: { onSelect?: (id: Id) => void }) {
  const [sel, setSel] = useState<Id>('now');
  return (
    <Tabs
      tabs={TABS}
      selected={sel}
      label="Views"
      onSelect={(id) => {
        setSel(id);
        onSelect?.(id);
      }}
    >
      <p>panel {sel}</p>
    </Tabs>
  );
}

const key = (el: Element, k: string) =>
  act(() => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
  });

describe('Tabs', () => {
  it('is a tablist with one tab in the Tab order and a labelled panel', () => {
    const el = mount(<TabsHarness />);
    const tabs = [...el.querySelectorAll<HTMLElement>('[role="tab"]')];
    expect(tabs.map((t) => t.getAttribute('aria-selected'))).toEqual(['true', 'false', 'false']);
    expect(tabs.map((t) => t.tabIndex)).toEqual([0, -1, -1]);
    const panel = el.querySelector('[role="tabpanel"]');
    expect(panel?.getAttribute('aria-labelledby')).toBe(tabs[0]?.id);
    expect(tabs[0]?.getAttribute('aria-controls')).toBe(panel?.id);
  });

  it('moves with arrow keys (wrapping), Home and End, and focuses the new tab', () => {
    const el = mount(<TabsHarness />);
    const tab = (id: string) => byId(el, `tab-${id}`) as HTMLElement;
    key(tab('now'), 'ArrowRight');
    expect(tab('history').getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(tab('history'));
    expect(el.textContent).toContain('panel history');
    key(tab('history'), 'End');
    expect(tab('third').getAttribute('aria-selected')).toBe('true');
    key(tab('third'), 'ArrowRight');
    expect(tab('now').getAttribute('aria-selected')).toBe('true');
    key(tab('now'), 'ArrowLeft');
    expect(tab('third').getAttribute('aria-selected')).toBe('true');
    key(tab('third'), 'Home');
    expect(tab('now').tabIndex).toBe(0);
  });

  it('ignores other keys', () => {
    const onSelect = vi.fn();
    const el = mount(<TabsHarness onSelect={onSelect} />);
    key(byId(el, 'tab-now') as HTMLElement, 'a');
    expect(onSelect).not.toHaveBeenCalled();
  });
});

describe('Sparkline', () => {
  it('waits for two points', () => {
    const el = mount(<Sparkline points={[[T0, 1000, 0]]} />);
    expect(byId(el, 'sparkline-empty')).not.toBeNull();
  });

  it('breaks the line at unknown bitrate and at gaps instead of inventing a slope', () => {
    const el = mount(
      <Sparkline
        points={[
          [T0, 1000, 0],
          [T0 + 1000, 1100, 0],
          [T0 + 2000, null, 0],
          [T0 + 3000, 1200, 0],
          [T0 + 4000, 1300, 0],
          [T0 + 20_000, 1400, 0],
        ]}
      />,
    );
    const d = el.querySelector('.line-br')?.getAttribute('d') ?? '';
    expect(d.match(/M/g)).toHaveLength(3);
  });

  it('describes itself in words', () => {
    expect(
      sparklineSummary(
        [
          [T0, 800, 0],
          [T0 + 30_000, 2500, 1],
        ],
        'en-US',
      ),
    ).toBe('Last 30 s: bitrate 800 kbps to 2.5 Mbps, now 2.5 Mbps; stalled in 1 of 2 samples.');
  });
});

describe('StatusNotes', () => {
  const storage = (state: 'pruned' | 'full') => ({
    key: 'quota' as const,
    state,
    lastPrunedAt: T0,
    prunedSamples: 1200,
    prunedSessions: 3,
    message: 'Storage was full: removed the raw samples of the 3 oldest session(s).',
  });

  it('renders nothing when all is well', () => {
    const el = mount(
      <StatusNotes storage={null} quarantine={{ total: 0, byStore: {}, recent: [] }} tzOffsetMin={0} />,
    );
    expect(el.innerHTML).toBe('');
  });

  it('reports pruning as a status and a full disk as an alert', () => {
    const pruned = mount(<StatusNotes storage={storage('pruned')} quarantine={null} tzOffsetMin={0} />);
    expect(byId(pruned, 'storage-status')?.getAttribute('role')).toBe('status');
    expect(text(pruned, 'storage-status')).toContain('removed the raw samples of the 3 oldest');
    const full = mount(<StatusNotes storage={storage('full')} quarantine={null} tzOffsetMin={0} />);
    expect(byId(full, 'storage-status')?.getAttribute('role')).toBe('alert');
    expect(text(full, 'storage-status')).toContain('Storage is full.');
  });

  it('counts quarantined records and says the rest is intact', () => {
    const q = {
      total: 3,
      byStore: { samples: 2, sessions: 1 },
      recent: [{ id: 9, at: T0, store: 'samples' as const, reason: ['dt: Too big'] }],
    };
    const el = mount(<StatusNotes storage={null} quarantine={q} tzOffsetMin={0} />);
    expect(text(el, 'quarantine-count')).toBe('3');
    expect(text(el, 'quarantine')).toContain('records could not be read and were set aside');
    expect(text(el, 'quarantine')).toContain('2 samples');
    expect(text(el, 'quarantine')).toContain('dt: Too big');
  });

  it('says when the status itself could not be read', () => {
    const el = mount(
      <StatusNotes storage={null} quarantine={null} error="InvalidStateError" tzOffsetMin={0} />,
    );
    expect(text(el, 'status-error')).toContain('InvalidStateError');
  });
});
