/**
 * A hidden tab is marked, and is not a stall. Playwright keeps every page it drives "visible", so this
 * test drives Debian's Chromium with puppeteer-core instead, where a tab sent to the background by
 * another tab really becomes hidden, as when a viewer switches tabs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect } from '@playwright/test';
import puppeteer from 'puppeteer-core';
import { ensureMedia } from '../media/generate';
import { startStreamServer } from '../server';
import { CHROMIUM_PATH, chromiumArgs, TEST_EXTENSION_DIR } from './chromium';
import { readHistoryWith } from './extension';

base('a hidden tab is recorded as hidden and produces no stall', async () => {
  await ensureMedia();
  const server = await startStreamServer();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-hidden-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    userDataDir: profile,
    args: chromiumArgs(TEST_EXTENSION_DIR),
    ignoreDefaultArgs: ['--disable-extensions'],
  });
  try {
    const workerTarget = await browser.waitForTarget((t) => t.type() === 'service_worker');
    const extensionId = new URL(workerTarget.url()).host;
    const page = await browser.newPage();
    await page.goto(server.url('a', '/players/dash.html?buffer=10'));
    await page.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) > 3, {
      timeout: 30_000,
    });

    const other = await browser.newPage();
    await other.goto(`chrome-extension://${extensionId}/manifest.json`);
    await other.bringToFront();
    await page.waitForFunction(() => document.visibilityState === 'hidden', { timeout: 5_000 });
    await new Promise((r) => setTimeout(r, 5_000));
    await page.bringToFront();
    await page.waitForFunction(() => document.visibilityState === 'visible', { timeout: 5_000 });
    await new Promise((r) => setTimeout(r, 5_000));

    const h = await readHistoryWith((fn) => other.evaluate(fn));
    const visibility = h.events.filter((e) => e.kind === 'visibility').sort((a, b) => a.seq - b.seq);
    expect(visibility.map((e) => e.hidden)).toEqual([true, false]);
    expect(h.samples.some((s) => s.hidden)).toBe(true);
    expect(h.events.filter((e) => e.kind === 'stall')).toEqual([]);
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
});
