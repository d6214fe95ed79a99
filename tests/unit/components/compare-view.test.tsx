import { describe, expect, it } from 'vitest';
import { CompareView, keyName } from '@/components/compare-view';
import { compareServices } from '@/utils/analysis/compare';
import type { SessionHistory } from '@/utils/analysis/history';
import type { ComparisonResult } from '@/utils/analysis/load';
import { summarize } from '@/utils/analysis/summary';
import { DAY0, HOUR, makeSession, sameEvenings } from '../analysis/history-fixtures';
import { allById, byId, mount } from './fixtures';

function result(history: SessionHistory[]): ComparisonResult {
  return {
    summary: summarize(compareServices(history)),
    from: DAY0,
    to: DAY0 + 30 * 24 * HOUR,
    sessionsRead: history.length,
    truncated: false,
  };
}
const ready = (history: SessionHistory[]) => ({ status: 'ready' as const, result: result(history) });

describe('CompareView', () => {
  it('says which service got clearly less, with the figures and what could explain it', () => {
    const root = mount(
      <CompareView
        load={ready(
          sameEvenings(
            { service: 'netflix', kbps: 1_000, brKbps: 800 },
            { service: 'youtube', kbps: 20_000, brKbps: 4_000 },
          ),
        )}
        days={30}
      />,
    );
    const pair = byId(root, 'pair') as HTMLElement;
    expect(pair.dataset.verdict).toBe('differentiation');
    expect(pair.dataset.slower).toBe('netflix');
    expect(pair.textContent).toContain('Netflix got clearly less throughput than YouTube');
    expect(pair.textContent).toMatch(/median of 1(\.0)? Mbps against 20(\.0)? Mbps for YouTube/);
    expect(pair.textContent).toContain('does not prove who caused it');
    const figures = byId(root, 'pair-figures')?.textContent ?? '';
    expect(figures).toMatch(/KS p < 0\.0001/);
    expect(figures).toMatch(/3 vs 3 sessions/);
    // No connection type was known: the verdict asks for a wired confirmation.
    expect(byId(root, 'pair-confounders')?.textContent).toContain('wired connection');
    expect(root.textContent).toContain('Your last 30 days: 6 sessions.');
    expect(allById(root, 'service').map((s) => (s as HTMLElement).dataset.key)).toEqual([
      'netflix',
      'youtube',
    ]);
  });

  it('says "no difference" for equal services, and names the confounders it found', () => {
    const history = sameEvenings(
      { service: 'netflix', kbps: 20_000, brKbps: 4_000, droppedRatio: 0.3 },
      { service: 'youtube', kbps: 20_000, brKbps: 4_000 },
    );
    const root = mount(<CompareView load={ready(history)} days={30} />);
    const pair = byId(root, 'pair') as HTMLElement;
    expect(pair.dataset.verdict).toBe('no-differentiation');
    expect(pair.textContent).toContain('No difference between Netflix and YouTube');
    expect(byId(root, 'pair-confounders')?.textContent).toContain('many dropped frames');
  });

  it('explains an undecided pair: too few sessions, or never in the same hour', () => {
    const few = [
      makeSession({ id: 'n1', service: 'netflix', start: DAY0 + 20 * HOUR, kbps: 1_000, brKbps: 800 }),
      makeSession({ id: 'y1', service: 'youtube', start: DAY0 + 20 * HOUR, kbps: 20_000, brKbps: 800 }),
    ];
    const root = mount(<CompareView load={ready(few)} days={30} />);
    expect((byId(root, 'pair') as HTMLElement).dataset.verdict).toBe('inconclusive');
    expect(byId(root, 'pair')?.textContent).toContain('Too few sessions in the shared hours');
    const apart = [
      makeSession({ id: 'n2', service: 'netflix', start: DAY0 + 8 * HOUR, kbps: 1_000, brKbps: 800 }),
      makeSession({ id: 'y2', service: 'youtube', start: DAY0 + 20 * HOUR, kbps: 20_000, brKbps: 800 }),
    ];
    const root2 = mount(<CompareView load={ready(apart)} days={30} />);
    expect(byId(root2, 'pair')?.textContent).toContain('not watched both in the same hour');
  });

  it('has clear empty, single-service, loading and error states', () => {
    expect(byId(mount(<CompareView load={ready([])} days={30} />), 'compare-empty')).not.toBeNull();
    const one = mount(
      <CompareView
        load={ready([
          makeSession({ id: 'only', service: 'twitch', start: DAY0, kbps: 5_000, brKbps: 3_000 }),
        ])}
        days={30}
      />,
    );
    expect(byId(one, 'compare-one')?.textContent).toContain('Only Twitch was watched');
    expect(byId(mount(<CompareView load={{ status: 'loading' }} />), 'compare-loading')).not.toBeNull();
    const err = mount(<CompareView load={{ status: 'error', message: 'disk on fire' }} />);
    expect(byId(err, 'compare-error')?.textContent).toContain('disk on fire');
  });

  it('names sites without a service by their host', () => {
    expect(keyName('other:video.example.org')).toBe('video.example.org');
    expect(keyName('prime')).toBe('Prime Video');
  });
});

describe('CompareView: evenings', () => {
  it('shows evening against the rest of the day, with achieved ÷ best bitrate, and flags a slower evening', () => {
    // Netflix: 1 Mbps and 800 kbps at 20:00 UTC, 20 Mbps and its best bitrate in the morning.
    const day = (d: number, id: string, hour: number, kbps: number, brKbps: number) =>
      makeSession({
        id: `${id}-${d}`,
        service: 'netflix',
        start: DAY0 + d * 24 * HOUR + hour * HOUR,
        kbps,
        brKbps,
      });
    const history = [0, 1, 2].flatMap((d) => [
      day(d, 'eve', 20, 1_000, 800),
      day(d, 'mor', 9, 20_000, 5_000),
    ]);
    const root = mount(<CompareView load={ready(history)} days={30} />);
    const card = byId(root, 'service')?.textContent ?? '';
    expect(card).toContain('Evenings (19–23 h)');
    expect(card).toMatch(/(99\d kbps|1(\.0)? Mbps) · 16% of best bitrate/);
    expect(card).toMatch(/rest of the day: (19\.\d|20(\.0)?) Mbps · 100% of best bitrate/);
    expect(byId(root, 'evenings-worse')?.textContent).toContain('Netflix is clearly slower in the evenings');
  });
});
