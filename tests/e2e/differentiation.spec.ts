/**
 * Differentiation end to end: two "services" served from the stream server's two origins (127.0.0.1 and
 * localhost, so two page hosts), several dash.js sessions each, interleaved so both share the same clock
 * hours. Origin A throttled to 1 Mbps and B not → the popup's Compare view flags A against B; neither
 * throttled → no flag. Ground truth is the server's own log: what it actually sent per origin and how fast.
 */
import type { OriginName } from '../server/types';
import type { Page } from './fixtures';
import { expect, test } from './fixtures';
import { settledHistory } from './history';
import { playerUrl, waitForPlayback } from './players';
import { expectAccessible } from './popup-checks';

const ONE_MBPS = 125_000; // bytes per second
// Same rendition on both sides (240p: 100 kB video segments, over the 50 kB the analysis needs), so
// request sizes do not differ; a buffer deep enough that each session fetches many segments.
const QUERY = 'quality=240p&buffer=30';

/** Sessions are compared over the clock hours both used: do not start a run across the hour. */
async function clearOfTheHour(page: Page, needMs: number): Promise<void> {
  const toHour = 3_600_000 - (Date.now() % 3_600_000);
  if (toHour < needMs) await page.waitForTimeout(toHour + 1_000);
}

async function playSession(
  page: Page,
  server: Parameters<typeof playerUrl>[0],
  origin: OriginName,
  s: number,
) {
  await page.goto(playerUrl(server, 'dash', QUERY, origin));
  await waitForPlayback(page, s, 60_000);
  // Leaving the page ends the session (pagehide) and sends what is left.
  await page.goto('about:blank');
}

/** The Compare view's verdict cards, read from the popup as a user would open it. */
async function verdicts(popup: Page, name: string) {
  await popup.getByTestId('tab-compare').click();
  await expect(popup.getByTestId('compare')).toBeVisible({ timeout: 30_000 });
  // The view as the user saw it, and its words, kept with the test results.
  await test
    .info()
    .attach(`${name}.png`, { body: await popup.screenshot({ fullPage: true }), contentType: 'image/png' });
  await test.info().attach(`${name}.txt`, {
    body: (await popup.getByTestId('compare').textContent()) ?? '',
    contentType: 'text/plain',
  });
  const pairs = popup.getByTestId('pair');
  await expect(pairs).toHaveCount(1);
  const pair = pairs.first();
  return {
    verdict: await pair.getAttribute('data-verdict'),
    slower: await pair.getAttribute('data-slower'),
    text: (await pair.textContent()) ?? '',
    services: await popup
      .getByTestId('service')
      .evaluateAll((els) => els.map((e) => ({ key: (e as HTMLElement).dataset.key, text: e.textContent }))),
  };
}

/** Throughput of media responses per origin as the server sent them (bytes over wall time), kbps. */
function serverKbps(
  server: {
    requests: readonly { origin: string; path: string; bytes: number; time: number; end?: number | null }[];
  },
  origin: OriginName,
  since: number,
) {
  // The server lives as long as the Playwright worker: earlier tests' requests are in its log too.
  const rs = server.requests.filter(
    (r) =>
      r.origin === origin && r.time >= since && r.path.startsWith('/media/') && r.end && r.bytes > 50_000,
  );
  const rates = rs.map((r) => (r.bytes * 8) / Math.max(1, (r.end as number) - r.time)).sort((x, y) => x - y);
  return { n: rates.length, median: rates[Math.floor(rates.length / 2)] ?? 0 };
}

test.describe('differentiation between two origins', () => {
  test.describe.configure({ timeout: 240_000 });

  test('origin A throttled to 1 Mbps, B not: the Compare view flags A against B', async ({
    context,
    server,
    extension,
  }) => {
    const page = await context.newPage();
    await clearOfTheHour(page, 150_000);
    const since = Date.now();
    server.throttle('a').set({ bytesPerSecond: ONE_MBPS });
    for (let i = 0; i < 3; i++) {
      await playSession(page, server, 'a', 14);
      await playSession(page, server, 'b', 8);
    }
    await page.close();
    await settledHistory(extension, (h) => h.sessions.filter((s) => s.endedAt).length >= 6, 30_000);

    // Ground truth: the server sent A's segments at about 1 Mbps and B's far faster.
    const a = serverKbps(server, 'a', since);
    const b = serverKbps(server, 'b', since);
    expect(a.n).toBeGreaterThan(30);
    expect(a.median).toBeLessThan(1_100);
    expect(b.median).toBeGreaterThan(10_000);

    const popup = await extension.openPopup();
    const v = await verdicts(popup, 'compare-throttled');
    await expectAccessible(popup, 'compare services');
    await popup.emulateMedia({ colorScheme: 'dark' });
    await test.info().attach('compare-throttled-dark.png', {
      body: await popup.screenshot({ fullPage: true }),
      contentType: 'image/png',
    });
    await expectAccessible(popup, 'compare services (dark)');
    expect(v.verdict, v.text).toBe('differentiation');
    expect(v.slower).toBe('other:127.0.0.1');
    expect(v.text).toContain('127.0.0.1 got clearly less throughput than localhost');
    // The median the view states for A is the throttle's rate, not the extension's guess.
    const aCard = v.services.find((s) => s.key === 'other:127.0.0.1');
    const shown = /Throughput \(median\)([\d.,]+) (kbps|Mbps)/.exec(aCard?.text ?? '');
    expect(shown, aCard?.text ?? '').not.toBeNull();
    const kbps = Number(shown?.[1]?.replace(',', '')) * (shown?.[2] === 'Mbps' ? 1000 : 1);
    expect(kbps).toBeGreaterThan(300);
    expect(kbps).toBeLessThan(1_100);

    await test.step('the report and the complaint draft about A cite the verdict and its figures', async () => {
      const h = await extension.history();
      const aIds = h.sessions.filter((s) => s.pageHost === '127.0.0.1').map((s) => s.id);
      expect(aIds).toHaveLength(3);
      const report = await context.newPage();
      await report.goto(extension.url(`report.html?sessions=${aIds.join(',')}`));
      const pair = report.getByTestId('pair');
      await expect(pair).toHaveAttribute('data-verdict', 'differentiation', { timeout: 30_000 });
      await expect(pair).toHaveAttribute('data-slower', 'other:127.0.0.1');
      const complaint = await context.newPage();
      await complaint.goto(extension.url(`complaint.html?sessions=${aIds.join(',')}&template=us-isp`));
      const body = complaint.getByTestId('body');
      await expect(body).toBeVisible({ timeout: 30_000 });
      const letter = await body.inputValue();
      expect(letter).toContain('127.0.0.1 against localhost: differentiation.');
      expect(letter).toContain('127.0.0.1 received clearly less throughput than localhost');
      expect(letter).toMatch(/segment downloads from 3 sessions and \d+ segment downloads from 3 sessions/);
    });
  });

  test('neither origin throttled: no flag', async ({ context, server, extension }) => {
    const page = await context.newPage();
    await clearOfTheHour(page, 120_000);
    for (let i = 0; i < 3; i++) {
      await playSession(page, server, 'a', 8);
      await playSession(page, server, 'b', 8);
    }
    await page.close();
    await settledHistory(extension, (h) => h.sessions.filter((s) => s.endedAt).length >= 6, 30_000);

    const popup = await extension.openPopup();
    const v = await verdicts(popup, 'compare-unthrottled');
    expect(v.verdict, v.text).not.toBe('differentiation');
    expect(v.text).not.toContain('clearly less');
  });
});
