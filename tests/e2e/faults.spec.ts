/**
 * Faults a viewer causes: leaving the page mid-playback (and coming back through the back/forward
 * cache), and closing the tab mid-stall. Nothing recorded before the moment is lost or stored twice,
 * and no uncaught error reaches the page or the worker.
 */
import type { Page, Worker } from '@playwright/test';
import { expect, test } from './fixtures';
import { eventsOf, settledHistory } from './history';
import { playerUrl, truthSummary, waitForPlayback } from './players';

/** Uncaught errors and console errors of a page and of the worker, collected for the whole test. */
async function collectErrors(page: Page, worker: Worker): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`page: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`page console: ${m.text()}`);
  });
  worker.on('console', (m) => {
    if (m.type() === 'error') errors.push(`worker console: ${m.text()}`);
  });
  await worker.evaluate(() => {
    const w = self as unknown as { __errors: string[] };
    w.__errors = [];
    self.addEventListener('error', (e) => w.__errors.push(String((e as ErrorEvent).message)));
    self.addEventListener('unhandledrejection', (e) => w.__errors.push(String(e.reason)));
  });
  return errors;
}
test.use({ bfcache: true });

const workerErrors = (worker: Worker) =>
  worker.evaluate(() => (self as unknown as { __errors?: string[] }).__errors ?? []);

test('navigating away mid-playback loses nothing; back through the bfcache capture goes on', async ({
  context,
  server,
  extension,
  worker,
}) => {
  const page = await context.newPage();
  const errors = await collectErrors(page, worker);
  await page.addInitScript(() => {
    const w = window as unknown as { __shows: boolean[] };
    w.__shows = [];
    addEventListener('pageshow', (e) => w.__shows.push(e.persisted));
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Page.enable');
  const notCached: string[] = [];
  cdp.on('Page.backForwardCacheNotUsed', (e) => {
    const reasons = (e as { notRestoredExplanations: Array<{ reason: string }> }).notRestoredExplanations;
    notCached.push(...reasons.map((r) => r.reason));
  });
  await page.goto(playerUrl(server, 'dash', 'buffer=10'));
  await waitForPlayback(page, 3);
  // Leave well inside a 3-s flush period: wait for a batch to land, then ~2 s more.
  const landed = (await extension.history()).samples.length;
  await expect.poll(async () => (await extension.history()).samples.length).toBeGreaterThan(landed);
  await page.waitForTimeout(2_000);
  const before = await page.evaluate(() => ({
    wall: Date.now(),
    mt: document.querySelector('video')?.currentTime ?? 0,
  }));
  await page.goto(server.url('a', '/pages/tiny.html'));

  const h = await settledHistory(extension, (x) => x.sessions.some((s) => s.endedAt !== undefined), 10_000);
  const session = h.sessions[0] as (typeof h.sessions)[number];
  expect(h.sessions).toHaveLength(1);
  expect(session.endReason).toBe('pagehide');
  const samples = h.samples.filter((s) => s.sid === session.id).sort((a, b) => a.seq - b.seq);
  const seqs = samples.map((s) => s.seq);
  expect(new Set(seqs).size).toBe(seqs.length);
  expect(Math.max(...seqs) + 1).toBe(seqs.length);
  // The tail reached the store: the last sample is from the moment the page went away.
  const last = samples.at(-1) as (typeof samples)[number];
  expect(last.t as number).toBeGreaterThanOrEqual(before.wall - 1_000);
  expect(last.mt as number).toBeGreaterThanOrEqual(before.mt - 1);
  expect(session.agg.samples).toBe(samples.length);

  // A page restored from the bfcache fires no `load`: wait for the commit, then for its pageshow.
  await page.goBack({ waitUntil: 'commit' });
  await page.waitForFunction(() => (window as unknown as { __shows?: boolean[] }).__shows?.length);
  const shows = await page.evaluate(() => (window as unknown as { __shows: boolean[] }).__shows);
  expect(notCached, 'reasons Chromium gave for not using the bfcache').toEqual([]);
  expect(shows.at(-1), 'the page came back from the bfcache').toBe(true);
  // A restored page's media is paused; the viewer presses play.
  await page.evaluate(() => document.querySelector('video')?.play());
  const mtBack = await page.evaluate(() => document.querySelector('video')?.currentTime ?? 0);
  await page.waitForFunction((t) => (document.querySelector('video')?.currentTime ?? 0) > t + 3, mtBack);
  const after = await settledHistory(
    extension,
    (x) => x.samples.filter((s) => s.sid !== session.id).length >= 3,
    10_000,
  );
  const resumed = after.sessions.filter((s) => s.id !== session.id);
  expect(resumed).toHaveLength(1);
  expect(resumed[0]?.frameHost).toBe('127.0.0.1');
  // The first session is closed and untouched by the second.
  expect(after.samples.filter((s) => s.sid === session.id)).toHaveLength(samples.length);
  expect([...errors, ...(await workerErrors(worker))]).toEqual([]);
});

test('closing the tab mid-stall: the stall up to the close is stored and the session closed', async ({
  context,
  server,
  extension,
  worker,
}) => {
  const page = await context.newPage();
  const errors = await collectErrors(page, worker);
  // Full speed to start, then far below the lowest rendition until the tab is gone.
  server.throttle('a').schedule([
    { durationMs: 6_000, bytesPerSecond: null },
    { durationMs: 60_000, bytesPerSecond: 10_000 },
  ]);
  await page.goto(playerUrl(server, 'dash', 'buffer=6'));
  const tabId = await extension.tabIdOf(page);
  await waitForPlayback(page, 1);
  await expect
    .poll(async () => (await truthSummary(page)).rebuffers.filter((r) => r.ongoing).length, {
      timeout: 40_000,
      intervals: [250],
    })
    .toBe(1);
  await expect.poll(async () => (await extension.badge(tabId)).text).toBe('WAIT');
  await page.waitForTimeout(1_500);
  const truth = await truthSummary(page);
  const waitingAt = truth.rebuffers[0]?.start as number;
  const ext = await extension.extPage();
  const closedAt = Date.now();
  await ext.evaluate((id) => chrome.tabs.remove(id), tabId);

  const h = await settledHistory(extension, (x) => x.sessions.some((s) => s.endedAt !== undefined), 10_000);
  const session = h.sessions[0] as (typeof h.sessions)[number];
  expect(session.endedAt as number).toBeGreaterThanOrEqual(closedAt - 1_000);
  expect(session.endedAt as number).toBeLessThanOrEqual(closedAt + 2_000);
  const stalls = eventsOf(h, session.id, 'stall');
  expect(stalls).toHaveLength(1);
  const stall = stalls[0] as (typeof stalls)[number];
  expect(Math.abs((stall.t as number) - waitingAt)).toBeLessThanOrEqual(1_000);
  // Ended at the close, and marked as cut short rather than resolved by playback.
  const stallEnd = (stall.t as number) + (stall.durationMs as number);
  expect(Math.abs(stallEnd - closedAt)).toBeLessThanOrEqual(1_000);
  expect(stall.cutShort).toBe(true);
  expect(session.agg.stallCount).toBe(1);
  expect(await extension.badge(tabId).catch(() => null)).toBeNull();
  expect([...errors, ...(await workerErrors(worker))]).toEqual([]);
});
