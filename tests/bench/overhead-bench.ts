/**
 * The extension's cost on the page: the same player page played in Chromium with and without the
 * extension, runs alternated, CDP Performance.getMetrics script and task time per second of
 * playback, and long tasks (> 50 ms) seen by the page. Medians over the runs, and the difference.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { CHROMIUM_PATH, chromiumArgs, TEST_EXTENSION_DIR } from '../e2e/chromium';
import { ensureMedia } from '../media/generate';
import { startStreamServer } from '../server';

export interface OverheadRun {
  withExtension: boolean;
  scriptMsPerS: number;
  taskMsPerS: number;
  longTasks: number;
}
export interface OverheadResult {
  runs: OverheadRun[];
  median: { with: OverheadRun; without: OverheadRun };
  extraScriptMsPerS: number;
  extraTaskMsPerS: number;
  playSeconds: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

async function once(
  url: string,
  withExtension: boolean,
  playSeconds: number,
  extensionDir: string,
): Promise<OverheadRun> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-bench-'));
  const base = chromiumArgs(extensionDir).filter((a) => !a.includes('extension'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: withExtension ? chromiumArgs(extensionDir) : base,
  });
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      (window as unknown as { __long: number }).__long = 0;
      new PerformanceObserver((l) => {
        (window as unknown as { __long: number }).__long += l.getEntries().length;
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(url);
    await page.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) > 2, null, {
      timeout: 30_000,
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const read = async () => {
      const { metrics } = (await cdp.send('Performance.getMetrics')) as {
        metrics: Array<{ name: string; value: number }>;
      };
      const get = (n: string) => metrics.find((m) => m.name === n)?.value ?? 0;
      return { script: get('ScriptDuration'), task: get('TaskDuration') };
    };
    const t0 = await read();
    const mt0 = await page.evaluate(() => document.querySelector('video')?.currentTime ?? 0);
    await page.waitForTimeout(playSeconds * 1000);
    const t1 = await read();
    const mt1 = await page.evaluate(() => document.querySelector('video')?.currentTime ?? 0);
    const played = Math.max(1, mt1 - mt0);
    const longTasks = await page.evaluate(() => (window as unknown as { __long: number }).__long);
    return {
      withExtension,
      scriptMsPerS: ((t1.script - t0.script) * 1000) / played,
      taskMsPerS: ((t1.task - t0.task) * 1000) / played,
      longTasks,
    };
  } finally {
    await context.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `extensionDir` defaults to the test build; pass another (e.g. a copy of an older build) to compare. */
export async function runOverheadBench(
  opts: { pairs?: number; playSeconds?: number; extensionDir?: string } = {},
): Promise<OverheadResult> {
  const pairs = opts.pairs ?? 3;
  const extensionDir = opts.extensionDir ?? TEST_EXTENSION_DIR;
  const playSeconds = opts.playSeconds ?? 15;
  await ensureMedia();
  const server = await startStreamServer();
  const url = server.url('a', '/players/dash.html?quality=720p&buffer=10');
  const runs: OverheadRun[] = [];
  try {
    for (let i = 0; i < pairs; i++) {
      // Alternate the order so drift on a busy machine does not favour one side.
      for (const w of i % 2 === 0 ? [true, false] : [false, true])
        runs.push(await once(url, w, playSeconds, extensionDir));
    }
  } finally {
    await server.close();
  }
  const pick = (w: boolean): OverheadRun => {
    const rs = runs.filter((r) => r.withExtension === w);
    return {
      withExtension: w,
      scriptMsPerS: median(rs.map((r) => r.scriptMsPerS)),
      taskMsPerS: median(rs.map((r) => r.taskMsPerS)),
      longTasks: median(rs.map((r) => r.longTasks)),
    };
  };
  const withExt = pick(true);
  const without = pick(false);
  return {
    runs,
    median: { with: withExt, without },
    extraScriptMsPerS: withExt.scriptMsPerS - without.scriptMsPerS,
    extraTaskMsPerS: withExt.taskMsPerS - without.taskMsPerS,
    playSeconds,
  };
}

// `npx tsx tests/bench/overhead-bench.ts [extensionDir]`: this bench alone, as JSON (hold the browser lock).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = await runOverheadBench({ extensionDir: process.argv[2] });
  console.log(JSON.stringify(r, null, 2));
}
