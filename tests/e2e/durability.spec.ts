/**
 * The history survives the worker being stopped as Chrome stops it, and the extension being reloaded
 * mid-playback: nothing sent is lost or stored twice, and capture resumes in the open tab.
 */
import { TEST_EXTENSION_DIR } from './chromium';
import { expect, test } from './fixtures';
import { settledHistory } from './history';
import { playerUrl, waitForPlayback } from './players';

test('2 minutes of playback with the worker stopped every 10 s: every sample stored once', async ({
  context,
  server,
  extension,
}) => {
  test.setTimeout(240_000);
  const page = await context.newPage();
  await page.goto(playerUrl(server, 'dash', 'buffer=10'));
  await waitForPlayback(page, 1);
  // Half speed: the 60 s stream lasts the 2 minutes.
  await page.evaluate(() => {
    (document.querySelector('video') as HTMLVideoElement).playbackRate = 0.5;
  });
  let stops = 0;
  const started = Date.now();
  while (Date.now() - started < 120_000) {
    await page.waitForTimeout(10_000);
    if (await extension.stopWorker()) stops++;
  }
  expect(stops).toBeGreaterThanOrEqual(10);
  // Let the stream end on its own so the session's last batch is sent from a live page.
  await page.waitForFunction(() => document.querySelector('video')?.ended === true, null, {
    timeout: 40_000,
  });

  const h = await settledHistory(
    extension,
    (x) => x.sessions.length === 1 && !!x.sessions[0]?.endedAt,
    20_000,
  );
  const session = h.sessions[0] as (typeof h.sessions)[number];
  const seqs = h.samples.filter((s) => s.sid === session.id).map((s) => s.seq);
  // Sent = 0..last with no gap (the content script numbers every sample); stored once each.
  expect(new Set(seqs).size).toBe(seqs.length);
  expect(Math.max(...seqs) + 1).toBe(seqs.length);
  expect(seqs.length).toBeGreaterThan(110);
  // The summary was folded from exactly these samples.
  const samples = h.samples.filter((s) => s.sid === session.id);
  const watch = samples
    .filter((s) => s.state === 'playing' || s.state === 'stalled')
    .reduce((sum, s) => sum + (s.dt as number), 0);
  expect(session.agg.samples).toBe(samples.length);
  expect(session.agg.watchMs).toBeCloseTo(watch, 0);
  expect(session.agg.lastSeq).toBe(Math.max(...seqs));
});

test('reloading the extension mid-playback: no page error, the old script stops, capture resumes', async ({
  context,
  server,
  extension,
}) => {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(playerUrl(server, 'dash', 'buffer=10'));
  await waitForPlayback(page, 3);
  const first = await settledHistory(extension, (x) => x.samples.length >= 3);
  const firstSession = first.sessions[0]?.id;

  await extension.reload(TEST_EXTENSION_DIR);
  // The reloaded extension injects a fresh content script into the open tab: a new session begins.
  const after = await settledHistory(
    extension,
    (x) =>
      x.sessions.some((s) => s.id !== firstSession) &&
      x.samples.filter((s) => s.sid !== firstSession).length >= 3,
    30_000,
  );
  const resumed = after.sessions.find((s) => s.id !== firstSession);
  expect(resumed?.frameHost).toBe('127.0.0.1');
  // The orphaned copy stopped: the first session gets no samples once the new one runs.
  const count = (x: typeof after) => x.samples.filter((s) => s.sid === firstSession).length;
  const n = count(after);
  await page.waitForTimeout(5_000);
  expect(count(await extension.history())).toBe(n);
  expect(errors).toEqual([]);
});
