/**
 * The worker is the only context that opens the history database. Every extension page this test opens
 * (popup, report, complaint) has IndexedDB taken away before its first script runs: opening it there
 * throws and is counted. The pages must still render a real recorded session, read through the worker.
 * The harness's own reader (extension.history(), on manifest.json) is left alone.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { settledHistory } from './history';
import { playerUrl, waitForPlayback } from './players';

/** Runs in every page of the context before its scripts; only the extension's UI pages are fenced. */
function fenceIndexedDb() {
  if (location.protocol !== 'chrome-extension:' || location.pathname === '/manifest.json') return;
  const opened: string[] = [];
  Object.defineProperty(window, '__idbOpened', { value: opened });
  const deny = (what: string) => {
    opened.push(what);
    throw new DOMException('only the worker opens the database', 'SecurityError');
  };
  IDBFactory.prototype.open = (name: string) => deny(`open ${name}`);
  IDBFactory.prototype.deleteDatabase = (name: string) => deny(`deleteDatabase ${name}`);
  IDBFactory.prototype.databases = () => deny('databases');
}

const openedIn = (page: Page) =>
  page.evaluate(() => (window as unknown as { __idbOpened?: string[] }).__idbOpened ?? null);

test('report and complaint render a real session while only the worker opens IndexedDB', async ({
  context,
  server,
  extension,
}) => {
  test.setTimeout(60_000);
  await context.addInitScript(fenceIndexedDb);
  const pageErrors: string[] = [];
  context.on('page', (p) => p.on('pageerror', (e) => pageErrors.push(`${p.url()}: ${e.message}`)));

  const player = await context.newPage();
  await player.goto(playerUrl(server, 'plain'));
  await waitForPlayback(player, 3);
  await settledHistory(extension, (h) => h.sessions.length === 1 && h.samples.length >= 3);
  await player.close();
  const history = await settledHistory(extension, (h) => h.sessions.every((s) => s.endedAt));
  const sid = history.sessions[0]?.id as string;

  const popup = await extension.openPopup();
  await popup.getByTestId('tab-history').click();
  await expect(popup.locator(`[data-testid="history-row"][data-session-id="${sid}"]`)).toBeVisible();

  const report = await context.newPage();
  await report.goto(extension.url(`report.html?session=${sid}`));
  await expect(report.getByTestId('digest-value')).toHaveText(/^[0-9a-f]{64}$/);
  await expect(report.getByTestId('sessions-table').locator('tbody tr')).toHaveCount(1);
  await expect(report.getByTestId('error')).toHaveCount(0);
  await expect(report.getByTestId('empty')).toHaveCount(0);

  const complaint = await context.newPage();
  await complaint.goto(extension.url(`complaint.html?session=${sid}`));
  const body = complaint.getByTestId('body');
  await expect(body).toBeVisible();
  expect((await body.inputValue()).length).toBeGreaterThan(200);
  await expect(complaint.getByTestId('empty')).toHaveCount(0);
  // (A recorded session without a problem gets the "no-problem" note, which is not an error.)
  await expect(complaint.locator('p.error')).toHaveCount(0);

  // The fence was in place in each page (not null), and nothing there tried to open the database.
  for (const page of [popup, report, complaint]) expect(await openedIn(page), page.url()).toEqual([]);
  expect(pageErrors).toEqual([]);
});
