import { describe, expect, it } from 'vitest';
import { formatDuration, formatKbps, formatPercent, formatResolution } from '@/utils/metrics/format';

describe('formatDuration', () => {
  it.each([
    [0, 'en-US', '0 ms'],
    [850, 'en-US', '850 ms'],
    [999.4, 'en-US', '999 ms'],
    [999.6, 'en-US', '1.0 s'],
    [1234, 'en-US', '1.2 s'],
    [1234, 'de-DE', '1,2 s'],
    [9960, 'en-US', '10 s'],
    [45_000, 'en-US', '45 s'],
    [59_600, 'en-US', '1 min 00 s'],
    [185_000, 'en-US', '3 min 05 s'],
    [3_599_600, 'en-US', '1 h 00 min'],
    [3_600_000 + 90_000, 'en-US', '1 h 02 min'],
    [1000 * 3600 * 1234, 'en-US', '1,234 h 00 min'],
    [1000 * 3600 * 1234, 'de-DE', '1.234 h 00 min'],
    [-5, 'en-US', '—'],
    [Number.NaN, 'en-US', '—'],
    [null, 'en-US', '—'],
  ])('%s ms (%s) → %s', (ms, locale, expected) => {
    expect(formatDuration(ms, locale)).toBe(expected);
  });

  it('survives a malformed locale tag', () => {
    expect(formatDuration(45_000, 'not a locale!')).toBe('45 s');
  });
});

describe('formatKbps', () => {
  it.each([
    [850, 'en-US', '850 kbps'],
    [999.4, 'en-US', '999 kbps'],
    [999.6, 'en-US', '1 Mbps'],
    [2500, 'en-US', '2.5 Mbps'],
    [2500, 'de-DE', '2,5 Mbps'],
    [12_345, 'en-US', '12.3 Mbps'],
    [99_940, 'en-US', '99.9 Mbps'],
    [99_960, 'en-US', '100 Mbps'],
    [150_400, 'en-US', '150 Mbps'],
    [null, 'en-US', '—'],
    [-1, 'en-US', '—'],
  ])('%s kbps (%s) → %s', (kbps, locale, expected) => {
    expect(formatKbps(kbps, locale)).toBe(expected);
  });
});

describe('formatResolution and formatPercent', () => {
  it.each([
    [1280, 720, '1280×720'],
    [0, 0, '—'],
    [1920, Number.NaN, '—'],
  ])('%s×%s → %s', (w, h, expected) => {
    expect(formatResolution(w, h)).toBe(expected);
  });

  it.each([
    [0.125, 'en-US', '12.5%'],
    // German puts a no-break space before the sign.
    [0.125, 'de-DE', '12,5\u00a0%'],
    [1, 'en-US', '100%'],
    [null, 'en-US', '—'],
  ])('%s (%s) → %s', (f, locale, expected) => {
    expect(formatPercent(f, locale)).toBe(expected);
  });
});
