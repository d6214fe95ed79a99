/**
 * Store screenshots (1280×800, the Chrome Web Store size) composed from real screenshots taken during an
 * e2e run: nothing is drawn by hand, the composition only places them side by side with a caption.
 * Saved as test artifacts, and also into $SW_STORE_SCREENSHOTS (e.g. docs/store/screenshots) when set.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, TestInfo } from '@playwright/test';
import { ROOT } from './chromium';

export const STORE_SIZE = { width: 1280, height: 800 } as const;

export interface Shot {
  /** File name without extension, e.g. '1-now-playing'. */
  name: string;
  caption: string;
  detail: string;
  /** PNGs, left to right; each is scaled down to fit its share of the width, never up. */
  images: Buffer[];
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

function html(shot: Shot): string {
  const imgs = shot.images
    .map((png) => `<img alt="" src="data:image/png;base64,${png.toString('base64')}">`)
    .join('');
  return `<!doctype html><meta charset="utf-8"><style>
    html, body { margin: 0; width: ${STORE_SIZE.width}px; height: ${STORE_SIZE.height}px; overflow: hidden; }
    body { font: 16px system-ui, sans-serif; color: #1b2733; background: linear-gradient(160deg, #eef3f8, #dfe8f1);
      display: flex; flex-direction: column; box-sizing: border-box; padding: 28px 36px; gap: 20px; }
    h1 { margin: 0; font-size: 30px; } p { margin: 4px 0 0; font-size: 18px; color: #415466; }
    .row { flex: 1; min-height: 0; display: flex; gap: 28px; align-items: center; justify-content: center; }
    img { max-height: 100%; min-width: 0; max-width: 100%; object-fit: contain; border-radius: 8px;
      box-shadow: 0 6px 24px rgba(20, 40, 60, .25); background: #fff; }
  </style><header><h1>${esc(shot.caption)}</h1><p>${esc(shot.detail)}</p></header><div class="row">${imgs}</div>`;
}

/** Renders each shot at 1280×800 and saves it; returns the paths written. */
export async function saveStoreShots(
  context: BrowserContext,
  shots: readonly Shot[],
  testInfo: TestInfo,
): Promise<string[]> {
  const page = await context.newPage();
  await page.setViewportSize(STORE_SIZE);
  const extra = process.env.SW_STORE_SCREENSHOTS;
  const dir = extra ? path.resolve(ROOT, extra) : null;
  if (dir) fs.mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  try {
    for (const shot of shots) {
      await page.setContent(html(shot));
      await page.waitForFunction(() => [...document.images].every((i) => i.complete && i.naturalWidth > 0));
      const file = testInfo.outputPath(`${shot.name}.png`);
      const png = await page.screenshot({ path: file });
      await testInfo.attach(shot.name, { path: file, contentType: 'image/png' });
      written.push(file);
      if (dir) {
        fs.writeFileSync(path.join(dir, `${shot.name}.png`), png);
        written.push(path.join(dir, `${shot.name}.png`));
      }
    }
  } finally {
    await page.close();
  }
  return written;
}
