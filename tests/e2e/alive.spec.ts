/**
 * Every part of the extension runs where it should: on each player page the content script injects
 * the MAIN-world probe and reports to the worker, which paints that tab's badge; the popup opens.
 */
import { expect, test } from './fixtures';
import { PLAYERS, playerUrl, waitForPlayback } from './players';
import { probeInstalled } from './probe-check';

test('worker, content script and MAIN-world probe run on each player page', async ({
  context,
  server,
  extension,
  worker,
}) => {
  expect(await worker.evaluate(() => typeof chrome.runtime.id)).toBe('string');
  for (const player of PLAYERS) {
    await test.step(player, async () => {
      const page = await context.newPage();
      await page.goto(playerUrl(server, player));
      // The probe has wrapped SourceBuffer.prototype.appendBuffer (seen from DevTools, not the page).
      await expect.poll(() => probeInstalled(page)).toBe(true);
      await waitForPlayback(page, 1);
      const tabId = await extension.tabIdOf(page);
      // The badge is painted by the worker from the content script's live report.
      await expect
        .poll(async () => (await extension.badge(tabId)).text, { timeout: 10_000 })
        .toMatch(/^(SD|480|720|1080)/);
      await page.close();
    });
  }
});

test('the popup opens and says when no video is playing', async ({ extension }) => {
  const popup = await extension.openPopup();
  await expect(popup.getByRole('heading', { name: 'StreamWitness' })).toBeVisible();
  await expect(popup.getByTestId('no-video')).toHaveText(/No video is playing/);
});

test('the probe stays out of the way on a page without MediaSource', async ({ context, server }) => {
  const page = await context.newPage();
  await page.addInitScript(() => {
    // A hostile or unusual page: no MSE at all. The probe must simply not install.
    Object.defineProperty(window, 'MediaSource', { value: undefined });
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(playerUrl(server, 'plain'));
  await waitForPlayback(page, 1);
  expect(errors).toEqual([]);
});
