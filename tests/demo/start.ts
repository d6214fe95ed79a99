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

if (import.meta.url === `file://${process.argv[1]}`) {
  const headless = process.argv.includes('--headless');
  if (!process.argv.includes('--no-build')) {
    const b = spawnSync('npm', ['run', 'build:test', '--silent'], { cwd: ROOT, stdio: 'inherit' });
    if (b.status !== 0) process.exit(b.status ?? 1);
  }
  const demo = await launchDemo({ headless });
  console.log(`StreamWitness demo: ${demo.page.url()}  (other origin: ${demo.server.origins.b})`);
  console.log('Close the browser window, or press Ctrl+C, to stop.');
  const stop = async () => {
    await demo.close();
    process.exit(0);
  };
  demo.context.on('close', () => void stop());
  process.on('SIGINT', () => void stop());
}
