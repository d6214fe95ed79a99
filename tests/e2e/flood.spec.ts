/**
 * A page that floods (issue #14, item 2): forged seek events on its playing video and forged probe
 * batches, thousands a second. Real Chromium, a real dash.js player, the extension's own worker and
 * popup. While the flood runs, the popup's first render (measured as tests/bench/popup-bench.ts does)
 * stays within 1.5x of a quiet one, quiet and flooded openings alternating in the same run; the worker's
 * answer to a history read is reported beside it. The real session keeps its 1 Hz samples. Then a
 * play/ended loop: the tab's new sessions stay within the worker's cap.
 */
import type { Page } from '@playwright/test';
import { allowNamedFunctions, median } from '../bench/browser';
import { openOnce, seedSessions, sessionRows } from '../bench/popup-bench';
import { expect, test } from './fixtures';
import { settledHistory } from './history';
import { playerUrl, waitForPlayback } from './players';

/** Installs the flood in the page, off; `window.__flood` turns it on and off. Runs in the page. */
function installFlood(kind: 'seek' | 'loop'): void {
  const w = window as unknown as { __flood: boolean; __forged: number };
  w.__flood = false;
  w.__forged = 0;
  const types = kind === 'seek' ? ['seeking', 'seeked'] : ['ended', 'play', 'playing'];
  setInterval(() => {
    if (!w.__flood) return;
    const v = document.querySelector('video');
    if (!v) return;
    for (let i = 0; i < 50; i++) {
      for (const t of types) v.dispatchEvent(new Event(t));
      window.dispatchEvent(new CustomEvent('streamwitness:probe', { detail: '[[],[],[[0,2,100,0,2,0]]]' }));
      w.__forged += types.length + 1;
    }
  }, 10);
}
const setFlood = (page: Page, on: boolean) =>
  page.evaluate((x) => {
    (window as unknown as { __flood: boolean }).__flood = x;
  }, on);

/** Ms for one history read through the worker, from an extension page. */
async function workerRoundTrip(ext: Page): Promise<number> {
  return ext.evaluate(async () => {
    const t0 = performance.now();
    await chrome.runtime.sendMessage({ type: 'listSessions', options: { limit: 50 } });
    return performance.now() - t0;
  });
}

test('a flooding page: the popup opens as fast as on a quiet one, and the real session keeps recording', async ({
  context,
  server,
  extension,
}) => {
  const page = await context.newPage();
  await page.goto(playerUrl(server, 'dash'));
  await waitForPlayback(page, 2);
  const tabId = await extension.tabIdOf(page);
  const ext = await extension.extPage();
  await allowNamedFunctions(ext);
  // A history to render: the player's session has created the database by now.
  await settledHistory(extension, (h) => h.sessions.length > 0);
  await seedSessions(ext, sessionRows(200));
  await page.evaluate(installFlood, 'seek' as const);
  const startedAt = Date.now();

  const quiet: number[] = [];
  const flooded: number[] = [];
  const quietTrip: number[] = [];
  const floodTrip: number[] = [];
  // The first opening fills the popup's kept first page; not counted.
  await openOnce(context, extension);
  for (let i = 0; i < 4; i++) {
    quiet.push((await openOnce(context, extension)).firstRowsMs);
    quietTrip.push(await workerRoundTrip(ext));
    await setFlood(page, true);
    await page.waitForTimeout(1_500);
    flooded.push((await openOnce(context, extension)).firstRowsMs);
    floodTrip.push(await workerRoundTrip(ext));
    await setFlood(page, false);
    await page.waitForTimeout(500);
  }
  const forged = await page.evaluate(() => (window as unknown as { __forged: number }).__forged);
  console.log(
    `${forged.toLocaleString('en')} forged events: popup first rows quiet ${median(quiet).toFixed(0)} ms, flooded ${median(flooded).toFixed(0)} ms; worker history read quiet ${median(quietTrip).toFixed(0)} ms, flooded ${median(floodTrip).toFixed(0)} ms`,
  );
  expect(median(flooded)).toBeLessThanOrEqual(1.5 * median(quiet));

  await test.step('the real session kept its samples through the flood', async () => {
    const seconds = (Date.now() - startedAt) / 1000;
    const h = await settledHistory(extension, (x) =>
      x.sessions.some(
        (s) => s.tabId === tabId && x.samples.filter((smp) => smp.sid === s.id).length >= seconds,
      ),
    );
    const real = h.sessions.filter((s) => s.tabId === tabId);
    expect(real).toHaveLength(1);
    const host = new URL(page.url()).hostname;
    expect(real[0]).toMatchObject({ pageHost: host, frameHost: host, service: 'other' });
  });

  await test.step('a play/ended loop: the tab’s new sessions stay within the worker’s cap', async () => {
    const loop = await context.newPage();
    // Its own address: tabIdOf finds a tab by it.
    await loop.goto(playerUrl(server, 'dash', 'loop=1'));
    await waitForPlayback(loop, 2);
    const loopTab = await extension.tabIdOf(loop);
    await loop.evaluate(installFlood, 'loop' as const);
    const quietRuns = [await openOnce(context, extension), await openOnce(context, extension)];
    const quietReads = [await workerRoundTrip(ext), await workerRoundTrip(ext)];
    await setFlood(loop, true);
    await loop.waitForTimeout(2_000);
    // Opened while the loop runs: each loop is a session end and a new session, a batch each.
    const loopRuns = [await openOnce(context, extension), await openOnce(context, extension)];
    const loopReads = [await workerRoundTrip(ext), await workerRoundTrip(ext)];
    await loop.waitForTimeout(4_000);
    await setFlood(loop, false);
    const first = (runs: Array<{ firstRowsMs: number }>) => median(runs.map((r) => r.firstRowsMs)).toFixed(0);
    console.log(
      `play/ended loop: popup first rows quiet ${first(quietRuns)} ms, during the loop ${first(loopRuns)} ms; worker history read quiet ${median(quietReads).toFixed(0)} ms, during ${median(loopReads).toFixed(0)} ms`,
    );
    await loop.waitForTimeout(4_000);
    const sessions = (await extension.history()).sessions.filter((s) => s.tabId === loopTab);
    console.log(`play/ended loop for ~8 s: ${sessions.length} sessions stored for the tab`);
    // 20 a minute (background/guard.ts), and the one that was playing.
    expect(sessions.length).toBeLessThanOrEqual(21);
    await loop.close();
  });
});
