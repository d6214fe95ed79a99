import { describe, expect, it, vi } from 'vitest';
import { NowPlaying, STALE_MS } from '@/components/now-playing';
import { allById, byId, exampleAgg, live, mount, T0, text } from './fixtures';

const NOW = T0 + 2500;

describe('NowPlaying', () => {
  it('says so when no video plays in the tab', () => {
    const el = mount(<NowPlaying live={null} now={NOW} />);
    expect(text(el, 'no-video')).toContain('No video is playing');
    expect(byId(el, 'now-playing')).toBeNull();
    expect(byId(el, 'watch-site')).toBeNull();
  });

  it('offers to watch a site that is not watched, and calls onWatch', () => {
    const onWatch = vi.fn();
    const el = mount(<NowPlaying live={null} now={NOW} notWatched={{ host: 'video.example', onWatch }} />);
    expect(text(el, 'not-watched')).toContain('video.example');
    expect(byId(el, 'no-video')).toBeNull();
    byId(el, 'watch-site')?.click();
    expect(onWatch).toHaveBeenCalledTimes(1);
  });

  it('shows the live numbers through the shared formatters', () => {
    const el = mount(<NowPlaying live={live()} now={NOW} locale="en-US" />);
    expect(text(el, 'state')).toBe('Playing');
    expect(byId(el, 'state')?.dataset.state).toBe('playing');
    expect(text(el, 'resolution')).toBe('1920×1080 (1080p)');
    expect(text(el, 'bitrate')).toBe('4.5 Mbps');
    expect(text(el, 'buffer')).toBe('12 s');
    expect(text(el, 'stalls')).toBe('0');
    expect(text(el, 'stall-time')).toBe('0 ms');
    expect(text(el, 'startup')).toBe('850 ms');
    expect(el.querySelector('h2')?.textContent).toContain('YouTube');
    expect(allById(el, 'spark-stall')).toHaveLength(0);
    expect(byId(el, 'stale')).toBeNull();
  });

  it('shows a stall: state, counts, and stall marks on the sparkline', () => {
    const snap = live({
      state: 'stalled',
      br: null,
      buf: 0,
      stalls: 2,
      stallMs: 3400,
      spark: [
        [T0, 4000, 0],
        [T0 + 1000, 4000, 1],
        [T0 + 2000, null, 1],
        [T0 + 3000, 1200, 0],
      ],
    });
    const el = mount(<NowPlaying live={snap} now={NOW} locale="en-US" />);
    expect(text(el, 'state')).toBe('Stalling');
    expect(text(el, 'stalls')).toBe('2');
    expect(text(el, 'stall-time')).toBe('3.4 s');
    expect(text(el, 'bitrate')).toBe('—');
    expect(allById(el, 'spark-stall')).toHaveLength(2);
    const label = byId(el, 'sparkline')?.querySelector('svg')?.getAttribute('aria-label') ?? '';
    expect(label).toContain('stalled in 2 of 4 samples');
    expect(byId(el, 'sparkline')?.querySelector('title')?.textContent).toBe(label);
  });

  it('scores the saved totals and shows each formula', () => {
    const el = mount(<NowPlaying live={live()} now={NOW} saved={exampleAgg()} locale="en-US" />);
    // docs/scores.md worked example: 83.166 overall, 80 startup, 80.597 smoothness, 89.927 picture.
    expect(text(el, 'score-overall')).toBe('83');
    expect(text(el, 'score-startup')).toBe('80');
    expect(text(el, 'score-smoothness')).toBe('81');
    expect(text(el, 'score-picture')).toBe('90');
    expect(text(el, 'formula-overall')).toContain('startup^0.2');
  });

  it('shows no score before the session is first saved, and says why', () => {
    const el = mount(<NowPlaying live={live()} now={NOW} locale="en-US" />);
    expect(text(el, 'score-overall')).toBe('—');
    expect(el.textContent).toContain('Scores appear once the first seconds');
  });

  it('says when the saved totals could not be read', () => {
    const el = mount(<NowPlaying live={live()} now={NOW} savedError="QuotaExceededError" />);
    expect(el.textContent).toContain('Scores are unavailable: the history store could not be read');
    expect(el.textContent).toContain('QuotaExceededError');
  });

  it('marks a snapshot that has not been refreshed for a while', () => {
    const snap = live();
    const el = mount(<NowPlaying live={snap} now={snap.updatedAt + STALE_MS + 5000} />);
    expect(text(el, 'stale')).toContain('no update for 15 s');
  });
});
