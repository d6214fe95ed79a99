/**
 * `npm test`: every check in order, each step's result kept, and one closing line
 * "N passed, N failed" summed from vitest's and Playwright's JSON reports plus the named checks.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './e2e/chromium';
import { e2eTimes, flakyTitles, type Suite, slowest, unitTimes } from './test-times';

interface Step {
  name: string;
  cmd: string[];
  /** Reads the runner's own report; a step without one counts as one check. */
  report?: () => { passed: number; failed: number; flaky?: string[] } | null;
}

const RESULTS = path.join(ROOT, 'test-results');

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(RESULTS, file), 'utf8')) as T;
  } catch {
    return null;
  }
}

const steps: Step[] = [
  { name: 'typecheck', cmd: ['npx', 'tsc', '--noEmit'] },
  { name: 'lint', cmd: ['npx', 'biome', 'check', '.'] },
  {
    name: 'unit',
    cmd: ['npx', 'vitest', 'run'],
    report: () => {
      const r = readJson<{ numPassedTests: number; numFailedTests: number }>('vitest.json');
      return r && { passed: r.numPassedTests, failed: r.numFailedTests };
    },
  },
  { name: 'build', cmd: ['npm', 'run', 'build', '--silent'] },
  { name: 'build:test', cmd: ['npm', 'run', 'build:test', '--silent'] },
  // npm run zip, web-ext lint on the Firefox zip, network APIs in the shipped JS, the sources zip.
  { name: 'store packages', cmd: ['npx', 'tsx', 'tests/store/package-check.ts'] },
  {
    name: 'e2e (Chromium)',
    cmd: ['npx', 'playwright', 'test'],
    report: () => {
      const r = readJson<{
        stats: { expected: number; unexpected: number; flaky: number };
        suites?: Suite[];
      }>('playwright.json');
      return (
        r && {
          passed: r.stats.expected + r.stats.flaky,
          failed: r.stats.unexpected,
          flaky: flakyTitles(r.suites),
        }
      );
    },
  },
  {
    name: 'Firefox smoke',
    cmd: ['npx', 'tsx', 'tests/firefox/smoke.ts'],
    report: () => readJson<{ passed: number; failed: number }>('firefox.json'),
  },
];

fs.mkdirSync(RESULTS, { recursive: true });
for (const f of ['vitest.json', 'playwright.json', 'firefox.json'])
  fs.rmSync(path.join(RESULTS, f), { force: true });

interface Outcome {
  step: Step;
  ok: boolean;
  ms: number;
}

/** Runs one step; `quiet` buffers its output (a lane running beside another) and prints it at the end. */
function run(step: Step, quiet: boolean): Promise<Outcome> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn(step.cmd[0] as string, step.cmd.slice(1), {
      cwd: ROOT,
      stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      env: quiet ? { ...process.env, FORCE_COLOR: '0' } : process.env,
    });
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('close', (code) => {
      if (quiet) process.stdout.write(`\n── ${step.name}: ${step.cmd.join(' ')}\n${out}`);
      resolve({ step, ok: code === 0, ms: Date.now() - t0 });
    });
    if (!quiet) console.log(`\n── ${step.name}: ${step.cmd.join(' ')}`);
  });
}

/** Steps of a lane run in order; a failed step does not stop the lane (every result is reported). */
async function lane(names: string[], quiet: boolean): Promise<Outcome[]> {
  const done: Outcome[] = [];
  for (const name of names) {
    const step = steps.find((s) => s.name === name);
    if (!step) throw new Error(`run-all: no step named "${name}"`);
    done.push(await run(step, quiet));
  }
  return done;
}

const started = Date.now();
// The static checks and the builds do not depend on each other: two lanes on two cores; the Firefox
// smoke (it waits for playback, it times nothing) ends the build lane. The Chromium e2e, which judges
// timings, comes after, alone, so nothing competes with video decoding.
const outcomes = [
  ...(
    await Promise.all([
      lane(['typecheck', 'lint', 'unit'], true),
      lane(['build', 'build:test', 'store packages', 'Firefox smoke'], true),
    ])
  ).flat(),
  ...(await lane(['e2e (Chromium)'], false)),
];

let passed = 0;
let failed = 0;
const lines: string[] = [];
for (const { step, ok, ms } of outcomes) {
  const counted = step.report?.() ?? null;
  if (counted) {
    passed += counted.passed;
    // A runner that crashed before reporting a failure still failed.
    failed += counted.failed || (ok ? 0 : 1);
  } else if (ok) passed++;
  else failed++;
  const flaky = counted?.flaky ?? [];
  lines.push(
    `${ok ? 'ok  ' : 'FAIL'} ${step.name}${counted ? ` (${counted.passed} passed, ${counted.failed} failed${flaky.length ? `, ${flaky.length} flaky` : ''})` : ''} ${(ms / 1000).toFixed(0)} s`,
    ...flaky.map((t) => `       flaky (passed on retry): ${t}`),
  );
}
// The ten slowest tests, so whoever adds one sees what it costs the suite.
const slow = slowest([
  ...unitTimes(readJson('vitest.json') ?? {}),
  ...e2eTimes(readJson('playwright.json') ?? {}),
]);
if (slow) console.log(`\nslowest tests:\n${slow}`);
console.log(`\n${lines.join('\n')}\ntotal ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
