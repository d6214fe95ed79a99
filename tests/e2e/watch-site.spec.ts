/**
 * "Watch this site": a site the build does not name is not watched until the user turns it on from the
 * popup, then is (in the open tab at once, and after a reload); turning it off stops capture cleanly.
 *
 * The one thing a headless test cannot do is click Chrome's permission prompt: it is browser UI, out of
 * reach of CDP. So the test first allows the site the way a user can in chrome://extensions (the call
 * behind its "Site access" list, developerPrivate.addHostPermission). Chrome records that as the user's
 * grant without activating it; the popup's own permissions.request, from a real click, then completes
 * without a prompt, since Chrome does not ask again for what the user already allowed. Everything from
 * that request on (permissions.onAdded, the registration, injection, capture, removal) is the real path.
 */
import puppeteer, { type Browser, type Page as PPage } from 'puppeteer-core';
import { UNLISTED_HOST } from './chromium';
import { expect, test } from './fixtures';
import { waitForPlayback } from './players';
import { probeInstalled } from './probe-check';

const PATTERN = `*://${UNLISTED_HOST}/*`;

test('a site is watched only while the user has it turned on', async ({ context, server, extension }) => {
  test.setTimeout(60_000);
  const errors: string[] = [];
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  const url = server.url('a', '/players/plain.html').replace('127.0.0.1', UNLISTED_HOST);
  await page.goto(url);
  await waitForPlayback(page, 1);
  const ext = await extension.extPage();
  const state = () =>
    ext.evaluate(async (id) => {
      const origins = (await chrome.permissions.getAll()).origins ?? [];
      const scripts = await chrome.scripting.getRegisteredContentScripts();
      return { origins, scripts: scripts.filter((s) => s.id === id).flatMap((s) => s.matches ?? []) };
    }, 'watched-sites');
  const sessions = async () =>
    (await extension.history()).sessions.filter((s) => s.pageHost === UNLISTED_HOST);
  const samplesOf = async (sid: string) =>
    (await extension.history()).samples.filter((s) => s.sid === sid).length;

  await test.step('not watched: no content script, nothing recorded, the popup offers to watch', async () => {
    await page.waitForTimeout(2000);
    expect(await probeInstalled(page)).toBe(false);
    expect(await sessions()).toEqual([]);
    expect((await state()).origins).not.toContain(PATTERN);
  });

  // Done before the popup opens: a popup closes when another page takes the focus.
  await allowInChromeExtensions(context, extension.id, PATTERN);
  // Allowed by the user but not yet requested: still not active, still not watched.
  expect((await state()).origins).not.toContain(PATTERN);

  let browser: Browser | null = null;
  try {
    await extension.clickAction(page);
    browser = await puppeteer.connect({ browserURL: extension.browserUrl(), defaultViewport: null });
    const target = await browser.waitForTarget((t) => t.url().startsWith(extension.url('popup.html')), {
      timeout: 10_000,
    });
    const popup = (await target.asPage()) as PPage;
    await popup.waitForSelector('[data-testid="watch-site"]', { timeout: 10_000 });
    expect(await textOf(popup, 'not-watched')).toContain(`not watching ${UNLISTED_HOST}`);

    await test.step('turned on from the popup: capture starts in the open tab at once', async () => {
      await popup.click('[data-testid="watch-site"]');
      await popup.waitForSelector('[data-testid="stop-watching"]', { timeout: 10_000 });
      expect(await state()).toEqual({ origins: expect.arrayContaining([PATTERN]), scripts: [PATTERN] });
      await expect.poll(() => probeInstalled(page)).toBe(true);
      await expect.poll(async () => (await sessions()).length, { timeout: 15_000 }).toBeGreaterThan(0);
    });

    let sid = '';
    await test.step('a reload is watched too (the registered script runs at document_start)', async () => {
      await page.reload();
      expect(await probeInstalled(page)).toBe(true);
      await waitForPlayback(page, 1);
      await expect
        .poll(async () => (await sessions()).find((s) => !s.endedAt)?.id ?? '', { timeout: 15_000 })
        .not.toBe('');
      sid = (await sessions()).find((s) => !s.endedAt)?.id ?? '';
      await expect.poll(() => samplesOf(sid), { timeout: 15_000 }).toBeGreaterThan(1);
    });

    await test.step('turned off from the popup: the session ends and nothing more is recorded', async () => {
      const tabId = await extension.tabIdOf(page);
      await expect.poll(async () => (await extension.badge(tabId)).text).not.toBe('');
      await popup.click('[data-testid="stop-watching"]');
      await popup.waitForSelector('[data-testid="watch-site"]', { timeout: 10_000 });
      expect(await state()).toEqual({ origins: expect.not.arrayContaining([PATTERN]), scripts: [] });
      await expect
        .poll(async () => (await sessions()).find((s) => s.id === sid)?.endReason, { timeout: 10_000 })
        .toBe('unwatched');
      expect((await extension.badge(tabId)).text).toBe('');
      const stored = await samplesOf(sid);
      const before = await page.evaluate(() => document.querySelector('video')?.currentTime ?? 0);
      await page.waitForTimeout(4000);
      // The video kept playing; the extension kept quiet.
      expect(await page.evaluate(() => document.querySelector('video')?.currentTime ?? 0)).toBeGreaterThan(
        before + 2,
      );
      expect(await samplesOf(sid)).toBe(stored);
      expect((await sessions()).filter((s) => !s.endedAt)).toEqual([]);
    });
  } finally {
    await browser?.disconnect();
  }
  expect(errors).toEqual([]);
});

/** The MAIN-world probe marks MediaSource.prototype once the content script has injected it. */
async function textOf(page: PPage, testId: string): Promise<string> {
  return page.$eval(`[data-testid="${testId}"]`, (el) => el.textContent ?? '');
}

/** What chrome://extensions does when the user adds a site under the extension's "Site access". */
async function allowInChromeExtensions(
  context: import('@playwright/test').BrowserContext,
  id: string,
  pattern: string,
): Promise<void> {
  const page = await context.newPage();
  await page.goto('chrome://extensions');
  await page.evaluate(([extId, host]) => chrome.developerPrivate.addHostPermission(extId, host), [
    id,
    pattern,
  ] as const);
  await page.close();
}
