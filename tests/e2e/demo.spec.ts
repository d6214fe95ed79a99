/** `npm start`'s launcher, run headless: the demo page loads with the extension active on it. */
import { expect, test } from '@playwright/test';
import { launchDemo } from '../demo/start';

test('npm start opens the demo page with the extension active', async () => {
  const demo = await launchDemo({ headless: true });
  try {
    const { page, context } = demo;
    await expect(page.getByRole('heading').first()).toBeVisible();
    await expect(page.locator('body')).toContainText(/dash\.js/i);
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    expect(worker.url()).toMatch(/^chrome-extension:\/\//);
    // The content script ran on the demo page: it injected the MAIN-world probe.
    await expect
      .poll(() => page.evaluate(() => Symbol.for('streamwitness.probe') in MediaSource.prototype))
      .toBe(true);
  } finally {
    await demo.close();
  }
});
