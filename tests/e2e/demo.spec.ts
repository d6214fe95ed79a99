/** `npm start`'s launcher, run headless: the demo page loads with the extension active on it. */
import { expect, test } from '@playwright/test';
import { launchDemo } from '../demo/start';
import { probeInstalled } from './probe-check';

test('npm start opens the demo page with the extension active', async () => {
  const demo = await launchDemo({ headless: true });
  try {
    const { page, context } = demo;
    await expect(page.getByRole('heading').first()).toBeVisible();
    await expect(page.locator('body')).toContainText(/dash\.js/i);
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    expect(worker.url()).toMatch(/^chrome-extension:\/\//);
    // The content scripts ran on the demo page: the MAIN-world probe is there.
    await expect.poll(() => probeInstalled(page)).toBe(true);
  } finally {
    await demo.close();
  }
});
