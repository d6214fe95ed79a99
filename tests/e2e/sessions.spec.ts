/**
 * What counts as a session, on real pages: a swapped source starts a new one, simultaneous videos
 * are separate, tiny videos are ignored, and a cross-origin iframe's player is attributed to the
 * frame's host and the top page's host.
 */
import { expect, test } from './fixtures';
import { settledHistory } from './history';
import { waitForPlayback } from './players';

test('one element whose source is swapped 3 times gives 4 sessions (progressive and MSE)', async ({
  context,
  server,
  extension,
}) => {
  for (const [query, label] of [
    ['', 'progressive'],
    ['mse=1', 'MSE blob URLs'],
  ] as const) {
    await test.step(label, async () => {
      const page = await context.newPage();
      await page.goto(server.url('a', `/pages/swap.html${query ? `?${query}` : ''}`));
      await waitForPlayback(page, 1.5);
      for (let i = 1; i <= 3; i++) {
        const before = await page.evaluate(() =>
          (window as unknown as { __currentSrc(): string }).__currentSrc(),
        );
        await page.evaluate(() => (window as unknown as { __swap(): void }).__swap());
        await page.waitForFunction((b) => document.querySelector('video')?.currentSrc !== b, before);
        await page.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) > 1.5, null, {
          timeout: 20_000,
        });
      }
      await page.close();
    });
  }
  const h = await settledHistory(
    extension,
    (x) => x.sessions.length >= 8 && x.sessions.every((s) => s.endedAt),
  );
  const mse = h.sessions.filter((s) => s.delivery === 'mse');
  const progressive = h.sessions.filter((s) => s.delivery === 'progressive');
  expect(progressive).toHaveLength(4);
  expect(mse).toHaveLength(4);
  expect(h.sessions.filter((s) => s.endReason === 'source-change')).toHaveLength(6);
});

test('two simultaneous videos are two sessions; a 40×40 video is none', async ({
  context,
  server,
  extension,
}) => {
  const two = await context.newPage();
  await two.goto(server.url('a', '/pages/two-videos.html'));
  await two.waitForFunction(() => [...document.querySelectorAll('video')].every((v) => v.currentTime > 2));
  const tiny = await context.newPage();
  await tiny.goto(server.url('a', '/pages/tiny.html'));
  await tiny.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) > 3);
  const tinyTab = await extension.tabIdOf(tiny);
  const twoTab = await extension.tabIdOf(two);
  const h = await settledHistory(extension, (x) => x.sessions.length >= 2 && x.samples.length >= 4);
  expect(h.sessions.filter((s) => s.tabId === twoTab)).toHaveLength(2);
  expect(h.sessions.filter((s) => s.tabId === tinyTab)).toHaveLength(0);
});

test('a cross-origin iframe player is one session attributed to the frame and the top page', async ({
  context,
  server,
  extension,
}) => {
  const child = server.url('b', '/players/plain.html');
  const page = await context.newPage();
  await page.goto(server.url('a', `/pages/iframe.html?child=${encodeURIComponent(child)}`));
  const frame = page.frameLocator('#child');
  await expect
    .poll(() => frame.locator('video').evaluate((v: HTMLVideoElement) => v.currentTime), {
      timeout: 20_000,
    })
    .toBeGreaterThan(2);
  const h = await settledHistory(extension, (x) => x.sessions.length >= 1 && x.samples.length >= 2);
  expect(h.sessions).toHaveLength(1);
  expect(h.sessions[0]?.frameHost).toBe('localhost');
  expect(h.sessions[0]?.pageHost).toBe('127.0.0.1');
});
