/**
 * Firefox smoke: the Firefox test build installed in Debian's firefox-esr over WebDriver BiDi
 * (puppeteer-core's installExtension), a real player page from the stream server, and proof that
 * the content scripts ran (the MAIN-world probe's codec is in the dash.js session) and that the sessions
 * reached the history in the extension's IndexedDB. Writes test-results/firefox.json {passed, failed}.
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
    // The probe leaves no mark a page could see (tests/e2e/detection.spec.ts); that it ran shows on disk
    // below: only its reports give a session its codec.
    name: 'a dash.js page plays with the content scripts in it (the probe is checked on disk below)',
    async run(browser, origin) {
      const page = await browser.newPage();
      await page.goto(`${origin}/players/dash.html?buffer=8`);
      await waitFor('playback', () =>
        page.evaluate(() => (document.querySelector('video')?.currentTime ?? 0) > 4),
      );
      // The tracker flushes every 3 s.
      await new Promise((r) => setTimeout(r, 4_000));
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

interface StoredRows {
  sessions: number;
  /** Session rows that name an H.264 codec: the MSE mime only the MAIN-world probe reports. */
  withCodec: number;
}

/** Firefox keeps extension IndexedDB in SQLite files in the profile; the session rows are read there. */
function storedSessions(profile: string): StoredRows {
  const base = path.join(profile, 'storage/default');
  const dir = fs.readdirSync(base).find((d) => d.startsWith(`moz-extension+++${UUID}`));
  if (!dir) throw new Error('the extension has no storage folder in the profile');
  const idb = path.join(base, dir, 'idb');
  const files = fs.readdirSync(idb).filter((f) => f.endsWith('.sqlite'));
  const rows: StoredRows = { sessions: 0, withCodec: 0 };
  for (const f of files) {
    // A row's value is a structured clone (snappy-compressed): short strings stay readable in it.
    const py =
      'import sqlite3,sys;c=sqlite3.connect(sys.argv[1]);' +
      'r=c.execute("select data from object_data where object_store_id=(select id from object_store where name=\'sessions\')").fetchall();' +
      'print(len(r), sum(1 for (d,) in r if d is not None and b"avc1" in bytes(d)))';
    const r = spawnSync('python3', ['-c', py, path.join(idb, f)], { encoding: 'utf8' });
    const [n, codec] = r.stdout.trim().split(' ').map(Number);
    rows.sessions += n || 0;
    rows.withCodec += codec || 0;
  }
  return rows;
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
  let rows: StoredRows | null = null;
  try {
    rows = storedSessions(profile);
  } catch (e) {
    console.log(
      `  (the profile's database could not be read: ${e instanceof Error ? e.message : String(e)})`,
    );
  }
  const check = (name: string, ok: boolean, detail: string) => {
    if (ok) passed++;
    else failed++;
    console.log(ok ? `  ✓ ${name} (${detail})` : `  ✗ ${name}\n    ${detail}`);
  };
  check(
    "both sessions are stored in the extension's IndexedDB",
    (rows?.sessions ?? 0) >= 2,
    `${rows?.sessions ?? 0} session row(s)`,
  );
  check(
    'the MAIN-world probe reported the dash.js stream (its session has the codec)',
    (rows?.withCodec ?? 0) >= 1,
    `${rows?.withCodec ?? 0} session row(s) with an avc1 codec`,
  );
  fs.rmSync(profile, { recursive: true, force: true });
  fs.mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'test-results/firefox.json'), JSON.stringify({ passed, failed }));
  console.log(`Firefox smoke: ${passed} passed, ${failed} failed`);
  return failed;
}

process.exit((await main()) > 0 ? 1 : 0);
