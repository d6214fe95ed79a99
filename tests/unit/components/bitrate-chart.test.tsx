import { describe, expect, it } from 'vitest';
import { BitrateChart, bucketed } from '@/components/evidence/bitrate-chart';
import { sessionRecord } from '@/utils/evidence/record';
import { session, T0 } from '../evidence/fixtures';
import { mount } from './fixtures';

const record = (seconds: number, stalls: Array<[number, number, 'network']> = []) =>
  sessionRecord(
    session({ id: 'chart-session-1', service: 'other', host: '127.0.0.1', start: T0, seconds, stalls }),
    'subject',
  );

describe('BitrateChart', () => {
  it('draws a continuous bitrate line for a short session (1 s samples, not 300 empty buckets)', () => {
    const s = record(16, [[10, 1000, 'network']]);
    const el = mount(<BitrateChart session={s} />);
    const d = el.querySelector('path.line')?.getAttribute('d') ?? '';
    expect(d.match(/M/g)).toHaveLength(2); // broken once, by the stalled second
    expect((d.match(/L/g) ?? []).length).toBeGreaterThanOrEqual(12);
    expect(el.querySelectorAll('rect.stall')).toHaveLength(1);
    expect(el.querySelector('figcaption')?.textContent).toContain('· 1 stall ·');
  });

  it('keeps at most 300 buckets for a long session, every one filled', () => {
    const s = record(1200);
    const buckets = bucketed(s, 1_200_000);
    expect(buckets).toHaveLength(300);
    expect(buckets.every((b) => b === 5000)).toBe(true);
  });
});
