/**
 * The popup keeps the history's first page as the worker last gave it (localStorage) and paints it at
 * once on the next opening, before the worker answers (or even wakes up); the worker's answer then takes
 * its place. Real Chromium, the extension's own IndexedDB and worker. A session deleted in the popup is
 * never painted again from the copy.
 */
import type { Page } from '@playwright/test';
import { allowNamedFunctions } from '../bench/browser';
import { seedSessions, sessionRows } from '../bench/popup-bench';
import { expect, test } from './fixtures';

const KEY = 'streamwitness.historyFirstPage';

/** Opens the popup on the history, noting the row ids of the first rows that entered the DOM. */
async function openHistory(page: Page, url: string): Promise<void> {
  await page.setViewportSize({ width: 400, height: 600 });
  await page.addInitScript(() => {
    new MutationObserver((_, obs) => {
      const rows = [...document.querySelectorAll<HTMLElement>('[data-testid="history-row"]')];
      if (rows.length === 0) return;
      obs.disconnect();
      (window as unknown as { __firstIds: string[] }).__firstIds = rows.map((r) => r.dataset.sessionId ?? '');
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(url);
}
const firstIds = async (page: Page): Promise<string[]> => {
  const handle = await page.waitForFunction(
    () => (window as unknown as { __firstIds?: string[] }).__firstIds,
  );
  return (await handle.jsonValue()) as string[];
};
const ids = (page: Page) =>
  page
    .locator('[data-testid="history-row"]')
    .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.sessionId));

test('the popup paints the first page it kept, then the worker’s answer; a deleted session never comes back', async ({
  context,
  extension,
}) => {
  const url = extension.url('popup.html?view=history');
  // The popup creates the database; then sessions go straight in (tests/bench/popup-bench.ts).
  const blank = await context.newPage();
  await blank.goto(url);
  await blank.waitForSelector('[data-testid="history-empty"]');
  await blank.close();
  const ext = await extension.extPage();
  await allowNamedFunctions(ext);
  const now = Date.now();
  const rows = sessionRows(20, now);
  await seedSessions(ext, rows);
  const newest = rows[rows.length - 1]?.id as string;

  await test.step('first opening: the worker’s rows, which the popup keeps', async () => {
    const page = await context.newPage();
    await openHistory(page, url);
    expect((await firstIds(page))[0]).toBe(newest);
    await expect
      .poll(() => page.evaluate(([k, id]) => localStorage.getItem(k)?.includes(id), [KEY, newest] as const))
      .toBe(true);
    await page.close();
  });

  const [later] = sessionRows(1, now + 3 * 3_600_000).map((r) => ({ ...r, id: 'recorded-meanwhile' }));
  await seedSessions(ext, later ? [later] : []);
  await test.step('worker stopped, a session recorded meanwhile: the kept rows first, then the new one', async () => {
    expect(await extension.stopWorker()).toBe(true);
    const page = await context.newPage();
    await openHistory(page, url);
    const first = await firstIds(page);
    expect(first[0]).toBe(newest);
    expect(first).not.toContain('recorded-meanwhile');
    await expect.poll(() => ids(page).then((x) => x[0])).toBe('recorded-meanwhile');
    await page.close();
  });

  await test.step('deleting a session in the popup: the next opening never paints it', async () => {
    const page = await context.newPage();
    await openHistory(page, url);
    await expect.poll(() => ids(page).then((x) => x[0])).toBe('recorded-meanwhile');
    await page.locator('[data-testid="history-row"][data-session-id="recorded-meanwhile"]').click();
    await page.getByTestId('delete-session').click();
    await page.getByTestId('confirm-delete').click();
    await expect(page.getByTestId('delete-status')).toBeVisible();
    await page.close();
    const again = await context.newPage();
    await openHistory(again, url);
    expect(await firstIds(again)).not.toContain('recorded-meanwhile');
    await again.waitForTimeout(500);
    expect(await ids(again)).not.toContain('recorded-meanwhile');
    expect((await ids(again))[0]).toBe(newest);
    await again.close();
  });
});
