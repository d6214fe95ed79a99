/**
 * Firefox smoke: the Firefox test build installed in Debian's firefox-esr over WebDriver BiDi
 * (puppeteer-core's installExtension), a real player page from the stream server, and proof that
 * the content script ran (it injected the MAIN-world probe) and that the session reached the
 * history in the extension's IndexedDB. Writes test-results/firefox.json {passed, failed}.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { ROOT } from '../e2e/chromium';
import { ensureMedia } from '../media/generate';
import { startStreamServer } from '../server';

const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
const EXT_DIR = path.join(ROOT, '.output-test/firefox-mv3');
const GECKO_ID = 'streamwitness@streamwitness.org';
// A fixed internal UUID lets the test open moz-extension:// pages; users get a random one.
const UUID = '5f1b7a52-6c44-4d7b-9a3e-3c0d2f6f7a10';

interface Case {
  name: string;
  run(browser: Browser, origin: string): Promise<void>;
}

async function waitFor<T>(
  what: string,
  fn: () => Promise<T | null | undefined | false>,
  ms = 30_000,
): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

const cases: Case[] = [
  {
    name: 'content script injects the probe on a dash.js page and the video plays',
    async run(browser, origin) {
      const page = await browser.newPage();
      await page.goto(`${origin}/players/dash.html?buffer=8`);
      await waitFor('probe installed', () =>
        page.evaluate(() => Symbol.for('streamwitness.probe') in MediaSource.prototype),
      );
      await waitFor('playback', () =>
        page.evaluate(() => (document.querySelector('video')?.currentTime ?? 0) > 2),
      );
      await page.close();
    },
  },
  {
    name: 'a session played in Firefox is stored in the extension history',
    async run(browser, origin) {
      const page = await browser.newPage();
      await page.goto(`${origin}/players/plain.html?src=/media/progressive/short.mp4`);
      await waitFor('playback', () =>
        page.evaluate(() => (document.querySelector('video')?.currentTime ?? 0) > 4),
      );
      const ext = await browser.newPage();
      await ext.goto(`moz-extension://${UUID}/popup.html`);
      const count = await waitFor(
        'stored session',
        () =>
          ext.evaluate(
            () =>
              new Promise<number>((resolve) => {
                const req = indexedDB.open('streamwitness-history');
                req.onerror = () => resolve(0);
                req.onsuccess = () => {
                  const db = req.result;
                  if (!db.objectStoreNames.contains('sessions')) return resolve(0);
                  const c = db.transaction('sessions').objectStore('sessions').count();
                  c.onsuccess = () => resolve(c.result);
                  c.onerror = () => resolve(0);
                };
              }),
          ),
        20_000,
      );
      if (count < 1) throw new Error('no session stored');
      await page.close();
      await ext.close();
    },
  },
];

async function main(): Promise<number> {
  await ensureMedia();
  const server = await startStreamServer();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-ff-'));
  let passed = 0;
  let failed = 0;
  let browser: Browser | null = null;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      userDataDir: profile,
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID }),
        'media.autoplay.default': 0,
        'media.autoplay.blocking_policy': 0,
      },
    });
    await browser.installExtension(EXT_DIR);
    for (const c of cases) {
      try {
        await c.run(browser, server.origins.a);
        passed++;
        console.log(`  ✓ ${c.name}`);
      } catch (e) {
        failed++;
        console.log(`  ✗ ${c.name}\n    ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  } catch (e) {
    failed++;
    console.log(
      `  ✗ Firefox could not start with the extension: ${e instanceof Error ? e.message : String(e)}`,
    );
  } finally {
    await browser?.close().catch(() => undefined);
    await server.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  fs.mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'test-results/firefox.json'), JSON.stringify({ passed, failed }));
  console.log(`Firefox smoke: ${passed} passed, ${failed} failed`);
  return failed;
}

process.exit((await main()) > 0 ? 1 : 0);
