/**
 * Evidence from a real throttled playback, end to end: the popup's session detail opens the report,
 * whose JSON download holds the stalls the player itself reported; the Verify page accepts that file,
 * names the record in a copy with one number changed, and refuses four kinds of bad input clearly
 * without touching the stored history; the complaint draft states the stall count and times; the
 * history view's export covers what its filter shows; the report prints on A4 and Letter without
 * anything wider than the page. One playback serves every check (≈ 20 s).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { EvidenceFile } from '../../utils/evidence/schema';
import { expect, test } from './fixtures';
import { eventsOf, settledHistory } from './history';
import { playerUrl, stallSchedule, type TruthSummary, truthSummary, waitForPlayback } from './players';

/** As players.spec: each stall's length within ±300 ms of the player's waiting→playing episode. */
const TOLERANCE_MS = 300;

test('throttled playback → Export → JSON with the player’s stalls → Verify → complaint', async ({
  context,
  server,
  extension,
}, testInfo) => {
  test.setTimeout(60_000);
  const pageErrors: string[] = [];
  // Errors on the extension's own pages; the player page's are the player's business.
  context.on('page', (p) =>
    p.on('pageerror', (e) => {
      if (p.url().startsWith('chrome-extension://')) pageErrors.push(`${p.url()}: ${e.message}`);
    }),
  );

  const player = await context.newPage();
  server.throttle('a').schedule(stallSchedule('dash'));
  await player.goto(playerUrl(server, 'dash', 'buffer=6'));
  await waitForPlayback(player, 2);
  // Once the player has reported a whole waiting→playing episode and is playing again, pause it in the
  // same tick: the throttle is still on, and a stall after this point would be in neither log compared.
  await expect
    .poll(
      () =>
        player.evaluate(() => {
          const truth = (window as unknown as { __truthSummary(): TruthSummary }).__truthSummary();
          const v = document.querySelector('video');
          const between = truth.rebuffers.length > 0 && truth.rebuffers.every((r) => !r.ongoing);
          if (!v || v.paused || v.readyState < 3 || !between) return false;
          v.pause();
          return true;
        }),
      { timeout: 40_000, intervals: [250] },
    )
    .toBe(true);
  const episodes = (await truthSummary(player)).rebuffers;
  expect(episodes.every((r) => !r.ongoing && r.durationMs > 0)).toBe(true);
  // Every stall stored, then the tab closed: the session ends and nothing more is written to history.
  await settledHistory(
    extension,
    (h) => h.sessions.length === 1 && h.events.filter((e) => e.kind === 'stall').length >= episodes.length,
  );
  await player.close();
  const history = await settledHistory(extension, (h) => h.sessions.every((s) => s.endedAt));
  const sid = history.sessions[0]?.id as string;
  expect(eventsOf(history, sid, 'stall')).toHaveLength(episodes.length);

  const popup = await extension.openPopup();
  const openFromDetail = async (testId: string): Promise<Page> => {
    if (!(await popup.getByTestId(testId).isVisible())) {
      await popup.getByTestId('tab-history').click();
      await popup.locator(`[data-testid="history-row"][data-session-id="${sid}"]`).click();
    }
    const [page] = await Promise.all([context.waitForEvent('page'), popup.getByTestId(testId).click()]);
    await page.waitForLoadState();
    return page;
  };

  const report = await openFromDetail('detail-export');
  expect(new URL(report.url()).pathname).toBe('/report.html');
  const [download] = await Promise.all([
    report.waitForEvent('download'),
    report.getByRole('button', { name: 'Download JSON' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^streamwitness-\d{4}-\d{2}-\d{2}-[a-z0-9-]+\.json$/);
  const text = fs.readFileSync(await download.path(), 'utf8');
  const file = JSON.parse(text) as EvidenceFile;

  await test.step('the JSON holds the session with the stalls the player saw', async () => {
    expect(file.sessions.map((s) => s.id)).toEqual([sid]);
    const stalls = file.sessions[0]?.stalls ?? [];
    expect(file.sessions[0]?.summary.stallCount).toBe(episodes.length);
    expect(stalls).toHaveLength(episodes.length);
    episodes.forEach((ep, i) => {
      const st = stalls[i] as (typeof stalls)[number];
      const msg = `stall ${i}: file ${st.durationMs} ms vs player ${ep.durationMs} ms`;
      expect(Math.abs(st.durationMs - ep.durationMs), msg).toBeLessThanOrEqual(TOLERANCE_MS);
      expect(Math.abs(Date.parse(st.start) - ep.start)).toBeLessThanOrEqual(1_000);
    });
    await expect(report.getByTestId('digest-value')).toHaveText(file.chain.digest);
    await expect(report.getByTestId('stalls-table').locator('tbody tr')).toHaveCount(episodes.length);
  });

  await test.step('the report renders (screenshot artifact)', async () => {
    const shot = testInfo.outputPath('report.png');
    await report.screenshot({ path: shot, fullPage: true });
    await testInfo.attach('report', { path: shot, contentType: 'image/png' });
  });

  await test.step('prints on A4 and Letter: nothing wider than the page, no buttons (PDF artifacts)', async () => {
    const screenButtons = await report.locator('button:visible').count();
    expect(screenButtons).toBeGreaterThan(0);
    const screen = report.viewportSize();
    await report.emulateMedia({ media: 'print' });
    // Paper width less evidence.css's 14 mm side margins, in CSS px (96 per inch).
    for (const [format, paperMm] of [
      ['A4', 210],
      ['Letter', 215.9],
    ] as const) {
      await report.setViewportSize({ width: Math.floor(((paperMm - 28) / 25.4) * 96), height: 1000 });
      const layout = await report.evaluate(() => {
        const root = document.documentElement;
        const limit = root.clientWidth;
        const wide = [...document.body.querySelectorAll('*')]
          .filter((el) => el.getClientRects().length > 0 && el.getBoundingClientRect().right > limit + 0.5)
          .map((el) => `${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''}`);
        const buttons = [...document.querySelectorAll('button')].filter((b) => b.getClientRects().length > 0);
        return { scrollWidth: root.scrollWidth, limit, wide, buttons: buttons.length };
      });
      expect(layout.scrollWidth, format).toBeLessThanOrEqual(layout.limit);
      expect(layout.wide, format).toEqual([]);
      expect(layout.buttons, format).toBe(0);
      const file = testInfo.outputPath(`report-${format}.pdf`);
      const pdf = await report.pdf({ format, path: file });
      await testInfo.attach(`report-${format}`, { path: file, contentType: 'application/pdf' });
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? [];
      expect(pages.length, format).toBeGreaterThanOrEqual(1);
    }
    await report.emulateMedia({ media: null });
    if (screen) await report.setViewportSize(screen);
  });

  await test.step('Verify accepts the file and names the record in an edited copy', async () => {
    const storage = async () =>
      (await extension.extPage()).evaluate(() => {
        const local = (chrome.storage as unknown as { local: { get(k: null): Promise<unknown> } }).local;
        return local.get(null);
      });
    const before = { history: await extension.history(), storage: await storage() };
    await report.getByRole('link', { name: 'Verify a file' }).click();
    await expect(report).toHaveURL(/\/verify\.html$/);
    const input = report.getByTestId('file');
    const result = report.getByTestId('verify-result');
    const upload = (name: string, body: string | Buffer) =>
      input.setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(body) });

    await upload(download.suggestedFilename(), text);
    await expect(result).toHaveAttribute('data-code', 'ok');
    await expect(result).toContainText(`Digest: ${file.chain.digest}`);

    const edited = structuredClone(file);
    const first = edited.sessions[0]?.stalls[0];
    if (!first) throw new Error('no stall to edit');
    first.durationMs += 1000;
    await upload('edited.json', JSON.stringify(edited, null, 2));
    await expect(result).toHaveAttribute('data-code', 'edited');
    await expect(result.locator('h2')).toContainText('edited after export, at session record 1');
    await expect(result).toContainText(`Session record 1 of 1 (sessions[0]`);
    await expect(result).toContainText(`id ${sid}) was changed after export`);

    await upload('notes.json', 'stalls: 3, mostly in the evening');
    await expect(result).toHaveAttribute('data-code', 'not-json');
    await expect(result.locator('h2')).toContainText('This is not a JSON file');

    const huge = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sw-evidence-')), 'huge.json');
    try {
      // Sparse: 50 MB on paper, no disk or time spent; the page must refuse it by size unread.
      fs.writeFileSync(huge, '');
      fs.truncateSync(huge, 50 * 1024 * 1024);
      await input.setInputFiles(huge);
      await expect(result).toHaveAttribute('data-code', 'too-large');
      await expect(result.locator('h2')).toContainText('too large to check here (50.0 MB)');
    } finally {
      fs.rmSync(path.dirname(huge), { recursive: true, force: true });
    }

    await upload('future.json', JSON.stringify({ ...file, formatVersion: 4 }));
    await expect(result).toHaveAttribute('data-code', 'wrong-version');
    await expect(result.locator('h2')).toContainText('format version 4');

    await upload('other.json', JSON.stringify({ sessions: [{ id: sid, stalls: 3 }] }));
    await expect(result).toHaveAttribute('data-code', 'not-evidence');
    await expect(result.locator('h2')).toContainText('not a StreamWitness evidence file');

    expect({ history: await extension.history(), storage: await storage() }).toEqual(before);
    expect(before.history.sessions).toHaveLength(1);

    // The schema the page links to is shipped in the built extension, identical to public/.
    const shipped = await report.evaluate(() => fetch('evidence-schema.json').then((r) => r.text()));
    expect(JSON.parse(shipped)).toEqual(JSON.parse(fs.readFileSync('public/evidence-schema.json', 'utf8')));
  });

  await test.step('the complaint draft states the stall count and each stall’s time', async () => {
    const complaint = await openFromDetail('detail-complain');
    expect(new URL(complaint.url()).search).toBe(`?session=${sid}`);
    const body = complaint.getByTestId('body');
    await expect(body).toBeVisible();
    const letter = await body.inputValue();
    const n = episodes.length;
    expect(letter).toContain(`: ${n}, totalling`);
    expect(letter).toContain(`${n} ${n === 1 ? 'stall' : 'stalls'} totalling`);
    for (const st of file.sessions[0]?.stalls ?? []) expect(letter).toContain(st.start.slice(11, 19));
    // The page says which services the draft is about: here the one that was chosen and stalled.
    await expect(complaint.getByTestId('letter-roles')).toHaveText(
      `The draft is about: ${file.sessions[0]?.serviceName}.`,
    );
  });

  await test.step('the history view exports what its filter shows (here: everything)', async () => {
    await popup.getByTestId('detail-back').click();
    await expect(popup.getByTestId('evidence-scope')).toHaveText('All services, everything recorded');
    const [all] = await Promise.all([
      context.waitForEvent('page'),
      popup.getByTestId('history-export').click(),
    ]);
    expect(new URL(all.url()).search).toBe('?all=1');
    await expect(all.getByTestId('sessions-table').locator('tbody tr')).toHaveCount(1);
    await expect(all.getByTestId('digest-value')).toHaveText(/^[0-9a-f]{64}$/);
  });

  expect(pageErrors).toEqual([]);
});
