/**
 * Firefox smoke: the Firefox test build installed in Debian's firefox-esr over WebDriver BiDi
 * (puppeteer-core's installExtension), a real player page from the stream server, and proof that
 * the content script ran (it injected the MAIN-world probe) and that the session reached the
 * history in the extension's IndexedDB. Writes test-results/firefox.json {passed, failed}.
 */
import { spawnSync } from 'node:child_process';
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
    name: 'a short progressive video plays to its end (its session is checked on disk below)',
    async run(browser, origin) {
      const page = await browser.newPage();
      await page.goto(`${origin}/players/plain.html?src=/media/progressive/short.mp4`);
      await waitFor(
        'the video to end',
        () => page.evaluate(() => document.querySelector('video')?.ended === true),
        40_000,
      );
      // The content script flushes every 3 s; give the ended session's last batch time to land.
      await new Promise((r) => setTimeout(r, 5_000));
      await page.close();
    },
  },
];

function storedSessions(profile: string): number {
  const base = path.join(profile, 'storage/default');
  const dir = fs.readdirSync(base).find((d) => d.startsWith(`moz-extension+++${UUID}`));
  if (!dir) throw new Error('the extension has no storage folder in the profile');
  const idb = path.join(base, dir, 'idb');
  const files = fs.readdirSync(idb).filter((f) => f.endsWith('.sqlite'));
  let total = 0;
  for (const f of files) {
    const py =
      'import sqlite3,sys;c=sqlite3.connect(sys.argv[1]);' +
      'r=c.execute("select count(*) from object_data where object_store_id=(select id from object_store where name=\'sessions\')").fetchone();' +
      'print(r[0] if r else 0)';
    const r = spawnSync('python3', ['-c', py, path.join(idb, f)], { encoding: 'utf8' });
    total += Number(r.stdout.trim()) || 0;
  }
  return total;
}

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
  }
  // Firefox keeps extension IndexedDB in SQLite files in the profile; count the stored sessions there.
  try {
    const n = storedSessions(profile);
    if (n < 1) throw new Error('no session row in the extension database');
    passed++;
    console.log(`  ✓ the session is stored in the extension's IndexedDB (${n} session row(s))`);
  } catch (e) {
    failed++;
    console.log(
      `  ✗ the session is stored in the extension's IndexedDB\n    ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  fs.rmSync(profile, { recursive: true, force: true });
  fs.mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'test-results/firefox.json'), JSON.stringify({ passed, failed }));
  console.log(`Firefox smoke: ${passed} passed, ${failed} failed`);
  return failed;
}

process.exit((await main()) > 0 ? 1 : 0);
