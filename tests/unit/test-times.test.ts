/** `npm test`'s list of the slowest tests, read from the runners' JSON reports. */
import { describe, expect, it } from 'vitest';
import { ROOT } from '../e2e/chromium';
import { e2eTimes, flakyTitles, slowest, unitTimes } from '../test-times';

describe('test times', () => {
  const e2e = {
    suites: [
      {
        title: 'players.spec.ts',
        specs: [
          {
            title: 'dash',
            tests: [{ status: 'flaky', results: [{ duration: 40_000 }, { duration: 35_000 }] }],
          },
          { title: 'hls', tests: [{ status: 'expected', results: [{ duration: 20_000 }] }] },
        ],
      },
    ],
  };
  const unit = {
    testResults: [
      { name: `${ROOT}/tests/unit/a.test.ts`, assertionResults: [{ fullName: 'a one', duration: 900 }] },
    ],
  };

  it('adds up a retried test’s runs, and lists the slowest first', () => {
    const lines = slowest([...unitTimes(unit), ...e2eTimes(e2e)], 2).split('\n');
    expect(lines).toEqual([
      '   75.0 s  e2e  players.spec.ts › dash',
      '   20.0 s  e2e  players.spec.ts › hls',
    ]);
    expect(slowest(unitTimes(unit))).toBe('    0.9 s  unit tests/unit/a.test.ts › a one');
    expect(slowest([])).toBe('');
  });

  it('names the tests that passed only on a retry', () => {
    expect(flakyTitles(e2e.suites)).toEqual(['players.spec.ts › dash']);
  });
});
