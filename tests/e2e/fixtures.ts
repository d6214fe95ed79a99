/**
 * Playwright fixtures: real Debian Chromium with the test build of the extension, the local stream
 * server with its throttle, and handles on the worker and the popup. Nothing here fakes the browser.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, test as base, chromium, type Page, type Worker } from '@playwright/test';
import { ensureMedia } from '../media/generate';
import { type StreamServer, startStreamServer } from '../server';
import { CHROMIUM_PATH, chromiumArgs, TEST_EXTENSION_DIR } from './chromium';
import { ExtensionHandle, rememberUserDataDir } from './extension';

interface Fixtures {
  /**
   * Playwright starts Chromium with `--disable-back-forward-cache`; a test of what viewers get on
   * Back sets this to run with the bfcache on, as Chrome ships.
   */
  bfcache: boolean;
  context: BrowserContext;
  extension: ExtensionHandle;
  worker: Worker;
  extensionId: string;
}
interface WorkerFixtures {
  server: StreamServer;
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  server: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the destructuring.
    async ({}, use) => {
      await ensureMedia();
      const server = await startStreamServer();
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  bfcache: [false, { option: true }],
  context: async ({ server, bfcache }, use) => {
    if (!fs.existsSync(path.join(TEST_EXTENSION_DIR, 'manifest.json'))) {
      throw new Error(`No test build at ${TEST_EXTENSION_DIR}: run "npm run build:test" first.`);
    }
    const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-e2e-'));
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: chromiumArgs(TEST_EXTENSION_DIR, [
        '--remote-debugging-port=0',
        '--enable-unsafe-extension-debugging',
      ]),
      viewport: { width: 1280, height: 800 },
      ...(bfcache ? { ignoreDefaultArgs: ['--disable-back-forward-cache'] } : {}),
    });
    rememberUserDataDir(context, userDataDir);
    server.throttle('a').clear();
    server.throttle('b').clear();
    await use(context);
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  },
  worker: async ({ context }, use) => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await use(worker);
  },
  extensionId: async ({ worker }, use) => {
    await use(new URL(worker.url()).host);
  },
  extension: async ({ context, extensionId }, use) => {
    await use(new ExtensionHandle(context, extensionId));
  },
});

export const expect = test.expect;
export type { Page };
