/**
 * The popup judged after a real throttled playback: its now-playing numbers against the stored session,
 * axe-core on each view (no serious or critical violation), keyboard-only use, and light and dark
 * screenshots saved as test artifacts.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo, test } from '@playwright/test';
import type { ExtensionHandle, StoredHistory } from './extension';

type StoredSession = StoredHistory['sessions'][number];

/** axe-core over the whole popup; only serious and critical findings fail (the bar). */
export async function expectAccessible(popup: Page, what: string): Promise<void> {
  const result = await new AxeBuilder({ page: popup }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = bad.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary, `axe on ${what}`).toEqual([]);
}

async function screenshots(popup: Page, name: string, testInfo: TestInfo): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await popup.emulateMedia({ colorScheme: scheme });
    const file = testInfo.outputPath(`popup-${name}-${scheme}.png`);
    await popup.screenshot({ path: file });
    await testInfo.attach(`popup-${name}-${scheme}`, { path: file, contentType: 'image/png' });
  }
  await popup.emulateMedia({ colorScheme: 'light' });
}

const dataValue = async (popup: Page, id: string) =>
  Number(await popup.getByTestId(id).getAttribute('data-value'));

/** The stored record of session `sid`, read now. */
async function storedSession(extension: ExtensionHandle, sid: string): Promise<StoredSession> {
  const found = (await extension.history()).sessions.find((x) => x.id === sid);
  expect(found, `stored session ${sid}`).toBeDefined();
  return found as StoredSession;
}

/**
 * Session `sid` is the playback in tab `tabId`, which may still be playing (or stalling): the popup's
 * counters are judged against the stored record read just before and just after they were read.
 */
export async function checkPopup(
  extension: ExtensionHandle,
  tabId: number,
  sid: string,
  testInfo: TestInfo,
): Promise<void> {
  const before = await storedSession(extension, sid);
  const popup = await extension.openPopup(tabId);
  const errors: string[] = [];
  popup.on('pageerror', (e) => errors.push(e.message));

  await test.step("now playing: the popup's numbers match the stored session", async () => {
    await expect(popup.getByTestId('now-playing')).toBeVisible();
    const shown = {
      stalls: await dataValue(popup, 'stalls'),
      stallMs: await dataValue(popup, 'stall-time'),
      startupMs: await dataValue(popup, 'startup'),
    };
    // The stored record lags the live one by at most one flush (3 s); read it again after that.
    await new Promise((r) => setTimeout(r, 3_500));
    const after = await storedSession(extension, sid);
    const msg = `popup ${JSON.stringify(shown)} vs stored ${JSON.stringify(before.agg)} .. ${JSON.stringify(after.agg)}`;
    expect(shown.stalls, msg).toBeGreaterThanOrEqual(before.agg.stallCount as number);
    expect(shown.stalls, msg).toBeLessThanOrEqual(after.agg.stallCount as number);
    expect(shown.stallMs, msg).toBeGreaterThanOrEqual((before.agg.stallMs as number) - 1);
    expect(shown.stallMs, msg).toBeLessThanOrEqual((after.agg.stallMs as number) + 1);
    expect(shown.startupMs, msg).toBeCloseTo(after.agg.startupMs as number, 0);
    const w = Number(await popup.getByTestId('resolution').getAttribute('data-w'));
    expect(w).toBeGreaterThan(0);
    // Scores come from the saved record, read after the first paint.
    await expect(popup.getByTestId('score-overall')).toBeVisible();
    await screenshots(popup, 'now-playing', testInfo);
    await expectAccessible(popup, 'now playing');
  });
  const session = await storedSession(extension, sid);

  await test.step('history and detail: keyboard only, accessible, light and dark', async () => {
    // Keyboard only: focus the History tab and move to it with the arrow key, as a tablist works.
    await popup.getByTestId('tab-now').focus();
    await popup.keyboard.press('ArrowRight');
    await expect(popup.getByTestId('tab-history')).toHaveAttribute('aria-selected', 'true');
    const row = popup.locator(`[data-testid="history-row"][data-session-id="${session.id}"]`);
    await expect(row).toBeVisible();
    expect(Number(await row.getByTestId('history-stalls').getAttribute('data-value'))).toBeGreaterThanOrEqual(
      session.agg.stallCount as number,
    );
    await screenshots(popup, 'history', testInfo);
    await expectAccessible(popup, 'history');

    await row.focus();
    await popup.keyboard.press('Enter');
    await expect(popup.getByTestId('detail')).toBeVisible();
    await screenshots(popup, 'detail', testInfo);
    await expectAccessible(popup, 'session detail');
    await popup.getByTestId('detail-back').focus();
    await popup.keyboard.press('Enter');
    // Focus returns to the row that was opened.
    await expect(row).toBeFocused();
  });
  expect(errors).toEqual([]);
  await popup.close();
}
