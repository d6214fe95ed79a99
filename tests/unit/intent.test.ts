import { describe, expect, it } from 'vitest';
import { playIntentAt } from '@/utils/metrics/intent';

describe('playIntentAt', () => {
  it.each([
    ['autoplay: loading is part of starting', { playAt: 1700, loadstartAt: 1000, readyPausedAt: null }, 1000],
    [
      'autoplay that briefly reports canplay before play',
      { playAt: 1700, loadstartAt: 1000, readyPausedAt: 1650 },
      1000,
    ],
    ['click-to-play after sitting ready', { playAt: 9000, loadstartAt: 1000, readyPausedAt: 1500 }, 9000],
    ['no loadstart seen (attached late)', { playAt: 5000, loadstartAt: null, readyPausedAt: null }, 5000],
    ['loadstart long before: preload', { playAt: 60_000, loadstartAt: 1000, readyPausedAt: null }, 60_000],
    [
      'MSE: the manifest request started before the MediaSource',
      { playAt: 1700, loadstartAt: 1000, readyPausedAt: null, manifestAt: 600 },
      600,
    ],
    [
      'click-to-play ignores the manifest',
      { playAt: 9000, loadstartAt: 1000, readyPausedAt: 1500, manifestAt: 600 },
      9000,
    ],
    [
      'loadstart after play (clock skew or new source)',
      { playAt: 1000, loadstartAt: 1200, readyPausedAt: null },
      1000,
    ],
  ])('%s', (_name, clues, expected) => {
    expect(playIntentAt(clues)).toBe(expected);
  });
});
