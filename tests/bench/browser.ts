/**
 * What the browser benches share: Chromium with the test build of the extension (as the e2e fixtures
 * start it), the stream server, and medians and percentiles.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from '@playwright/test';
import { CHROMIUM_PATH, chromiumArgs, TEST_EXTENSION_DIR } from '../e2e/chromium';
import { ExtensionHandle, rememberUserDataDir } from '../e2e/extension';

export interface ExtensionBrowser {
  context: BrowserContext;
  extension: ExtensionHandle;
  worker: Worker;
  close(): Promise<void>;
}

/** `extensionDir` defaults to the test build; pass another (a copy of an older build) to compare. */
export async function launchWithExtension(extensionDir = TEST_EXTENSION_DIR): Promise<ExtensionBrowser> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-bench-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: chromiumArgs(extensionDir, ['--remote-debugging-port=0']),
    viewport: { width: 1280, height: 800 },
  });
  rememberUserDataDir(context, dir);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extension = new ExtensionHandle(context, new URL(worker.url()).host);
  await allowNamedFunctions(await extension.extPage());
  return {
    context,
    extension,
    worker,
    async close() {
      await context.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Nearest-rank percentile (p in 0..100) of a non-empty list; NaN when empty. */
export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[rank - 1] as number;
}

export function median(xs: number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` every `everyMs` until it returns a value other than undefined, or throws after `timeoutMs`. */
export async function until<T>(
  fn: () => Promise<T | undefined>,
  what: string,
  timeoutMs: number,
  everyMs = 100,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

/**
 * tsx compiles with esbuild's keepNames, which wraps named functions in `__name(...)`; a function
 * handed to page.evaluate carries those calls but not the helper. Define it in the page first.
 */
export async function allowNamedFunctions(page: Page): Promise<void> {
  await page.evaluate('globalThis.__name ??= (f) => f');
}
