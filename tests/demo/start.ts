/**
 * `npm start`: builds the extension, starts the throttling stream server, and opens Chromium with
 * the extension on the demo page (four players, throttle buttons). `--headless` is for the test.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from '@playwright/test';
import { CHROMIUM_PATH, chromiumArgs, ROOT, TEST_EXTENSION_DIR } from '../e2e/chromium';
import { ensureMedia } from '../media/generate';
import { type StreamServer, startStreamServer } from '../server';

export interface Demo {
  server: StreamServer;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function launchDemo(opts: { headless: boolean }): Promise<Demo> {
  await ensureMedia();
  const server = await startStreamServer();
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-demo-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: opts.headless,
    args: chromiumArgs(TEST_EXTENSION_DIR),
    viewport: opts.headless ? { width: 1280, height: 800 } : null,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(server.url('a', '/demo/'));
  return {
    server,
    context,
    page,
    async close() {
      await context.close().catch(() => undefined);
      await server.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Linux without an X or Wayland display cannot open a window: Chromium would exit with a cryptic error. */
const noDisplay = (): boolean =>
  process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;

/**
 * Without a display: the same demo, headless, with the dash.js player playing for a while, then a
 * screenshot of the player page and of the popup describing it, so the run still shows something.
 */
async function screenshotsWithoutDisplay(demo: Demo): Promise<string[]> {
  const out = path.join(ROOT, 'test-results', 'demo');
  fs.mkdirSync(out, { recursive: true });
  const { context, page, server } = demo;
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  await page.goto(server.url('a', '/players/dash.html?buffer=8'));
  await page.waitForTimeout(12_000);
  const shots = [path.join(out, 'player.png'), path.join(out, 'popup.png')];
  await page.screenshot({ path: shots[0] });
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.goto(`chrome-extension://${extensionId}/manifest.json`);
  const tabId = await popup.evaluate(async (u) => {
    const tabs = await chrome.tabs.query({});
    return tabs.find((t) => t.url === u)?.id ?? 0;
  }, page.url());
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
  await popup.waitForTimeout(1_500);
  await popup.screenshot({ path: shots[1] });
  return shots;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const fallback = !process.argv.includes('--headless') && noDisplay();
  if (fallback)
    console.log(
      'StreamWitness demo: no display (neither DISPLAY nor WAYLAND_DISPLAY is set), so Chromium cannot open a\n' +
        'window here. Running headless instead: the dash.js player plays for 12 s, then screenshots are saved.\n' +
        'On a desktop (or under `xvfb-run npm start`) the browser window opens instead.',
    );
  const headless = fallback || process.argv.includes('--headless');
  if (!process.argv.includes('--no-build')) {
    const b = spawnSync('npm', ['run', 'build:test', '--silent'], { cwd: ROOT, stdio: 'inherit' });
    if (b.status !== 0) process.exit(b.status ?? 1);
  }
  const demo = await launchDemo({ headless });
  if (fallback) {
    const shots = await screenshotsWithoutDisplay(demo);
    console.log(`Screenshots: ${shots.join('  ')}`);
    await demo.close();
    process.exit(0);
  }
  console.log(`StreamWitness demo: ${demo.page.url()}  (other origin: ${demo.server.origins.b})`);
  console.log('Close the browser window, or press Ctrl+C, to stop.');
  const stop = async () => {
    await demo.close();
    process.exit(0);
  };
  demo.context.on('close', () => void stop());
  process.on('SIGINT', () => void stop());
}
