/**
 * `npm run icons`: renders the icon's SVG source (docs/icon/icon.svg) to the PNG sizes the stores and
 * the toolbar use, with Debian's Chromium (no image library needed). WXT picks up public/icon/<size>.png
 * and lists them in both manifests. Run after editing the SVG and commit the PNGs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_PATH, ROOT } from '../e2e/chromium';

export const ICON_SIZES = [16, 32, 48, 96, 128] as const;
export const ICON_SOURCE = path.join(ROOT, 'docs/icon/icon.svg');
export const ICON_DIR = path.join(ROOT, 'public/icon');

async function main(): Promise<void> {
  const svg = fs.readFileSync(ICON_SOURCE, 'utf8');
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    fs.mkdirSync(ICON_DIR, { recursive: true });
    for (const size of ICON_SIZES) {
      const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
      const img = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
      await page.setContent(
        `<style>html,body{margin:0;background:transparent}</style><img src="${img}" width="${size}" height="${size}">`,
      );
      await page.locator('img').evaluate((el: HTMLImageElement) => el.decode());
      await page.screenshot({ path: path.join(ICON_DIR, `${size}.png`), omitBackground: true });
      await page.close();
      console.log(`public/icon/${size}.png`);
    }
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? '')) {
  await main();
}
