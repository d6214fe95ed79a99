/** What `npm test` reads from vitest's and Playwright's JSON reports: per-test times and retried tests. */
import path from 'node:path';
import { ROOT } from './e2e/chromium';

export interface Suite {
  title: string;
  suites?: Suite[];
  specs?: Array<{ title: string; tests: Array<{ status: string; results?: Array<{ duration: number }> }> }>;
}

export interface Timed {
  name: string;
  ms: number;
}

function suiteTimes(suites: Suite[] = [], path: string[] = []): Timed[] {
  return suites.flatMap((s) => [
    ...(s.specs ?? []).map((sp) => ({
      name: `e2e  ${[...path, s.title, sp.title].filter(Boolean).join(' › ')}`,
      ms: sp.tests.reduce((sum, t) => sum + (t.results ?? []).reduce((a, r) => a + r.duration, 0), 0),
    })),
    ...suiteTimes(s.suites, [...path, s.title]),
  ]);
}

/** Every vitest test with its time. */
export function unitTimes(r: {
  testResults?: Array<{
    name: string;
    assertionResults: Array<{ fullName: string; duration?: number | null }>;
  }>;
}): Timed[] {
  return (r.testResults ?? []).flatMap((f) =>
    f.assertionResults.map((a) => ({
      name: `unit ${path.relative(ROOT, f.name)} › ${a.fullName}`,
      ms: a.duration ?? 0,
    })),
  );
}

/** Tests that failed once and passed on the retry: passed, but named in the summary. */
export function flakyTitles(suites: Suite[] = [], path: string[] = []): string[] {
  return suites.flatMap((s) => [
    ...(s.specs ?? [])
      .filter((sp) => sp.tests.some((t) => t.status === 'flaky'))
      .map((sp) => [...path, s.title, sp.title].filter(Boolean).join(' › ')),
    ...flakyTitles(s.suites, [...path, s.title]),
  ]);
}

/** Playwright's report: each test with the time of its runs added up (a retry costs its time too). */
export const e2eTimes = (report: { suites?: Suite[] }): Timed[] => suiteTimes(report.suites);

/** The `n` slowest, one line each, or '' when there is nothing timed. */
export function slowest(all: Timed[], n = 10): string {
  return [...all]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, n)
    .map((x) => `${(x.ms / 1000).toFixed(1).padStart(7)} s  ${x.name}`)
    .join('\n');
}
