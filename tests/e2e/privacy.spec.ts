/**
 * Nothing leaves the device: every request of every target in the browser (the player page, the
 * extension's worker, its popup, report, Verify and complaint pages) is recorded over CDP during a full
 * capture → history → export run, and none that the extension made goes anywhere but its own files.
 * Two controls prove the recorder sees the worker and the extension pages, and the stream
 * server's own log that it sees the page's traffic. Not covered: the worker's first moments, before
 * the recorder connects (it attaches to the running worker; every page is held until it listens). The same playback provides the store screenshots (one run for
 * both, to keep `npm test` short): SW_STORE_SCREENSHOTS=docs/store/screenshots writes them there too.
 */
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import type { EvidenceFile } from '../../utils/evidence/schema';
import { devToolsEndpoint } from './extension';
import { expect, test } from './fixtures';
import { settledHistory } from './history';
import { NetworkRecorder, type SeenRequest } from './network-recorder';
import { playerUrl, stallSchedule, type TruthSummary, waitForPlayback } from './players';
import { type Shot, saveStoreShots } from './store-screenshots';

const PLAYER_TITLE = 'dash.js test player';

test('a full capture → history → export run: the extension sends no request anywhere', async ({
  context,
  server,
  extension,
  worker,
}, testInfo) => {
  test.setTimeout(60_000);
  // The stream server lives for the whole Playwright worker: only what it served from here on is ours.
  const since = Date.now();
  const recorder = await NetworkRecorder.start(devToolsEndpoint(context).ws);
  const ext = `chrome-extension://${extension.id}/`;
  const shots: Shot[] = [];
  let player: Page | null = null;
  const playerAt = playerUrl(server, 'dash', 'buffer=6');
  let playbackEnd = Number.POSITIVE_INFINITY;
  let closedAt = Number.POSITIVE_INFINITY;
  try {
    // Controls: a request the worker makes and one an extension page makes must both be recorded and
    // attributed to the extension, or the "none" below would prove nothing.
    const control = (who: string) => server.url('a', `/__control/state?recorder-control=${who}`);
    expect(await worker.evaluate((u) => fetch(u).then((r) => r.status), control('worker'))).toBe(200);
    const probe = await extension.extPage();
    expect(await probe.evaluate((u) => fetch(u).then((r) => r.status), control('page'))).toBe(200);

    // Capture: a real dash.js playback, throttled into one stall.
    player = await context.newPage();
    server.throttle('a').schedule(stallSchedule('dash'));
    await player.goto(playerAt);
    await waitForPlayback(player, 2);
    const tabId = await extension.tabIdOf(player);
    await expect
      .poll(
        () =>
          (player as Page).evaluate(() => {
            const truth = (window as unknown as { __truthSummary(): TruthSummary }).__truthSummary();
            const v = document.querySelector('video');
            return truth.rebuffers.length > 0 && truth.rebuffers.every((r) => !r.ongoing) && !!v && !v.paused;
          }),
        { timeout: 40_000, intervals: [250] },
      )
      .toBe(true);
    // For the picture: the throttle over and the bitrate line recovering after the stall.
    await expect.poll(() => server.throttle('a').state().schedule, { timeout: 15_000 }).toBeNull();
    await player.waitForTimeout(3_000);
    const now = await extension.openPopup(tabId);
    await expect(now.getByTestId('now-playing')).toBeVisible();
    await expect(now.getByTestId('state')).toHaveText('Playing');
    await expect(now.getByTestId('stalls')).not.toHaveText('0');
    shots.push({
      name: '1-now-playing',
      caption: 'See the quality you actually get, as you watch',
      detail: 'Bitrate, stalls, buffer, startup time and resolution of the video in this tab.',
      images: [
        await player.screenshot({ clip: { x: 0, y: 0, width: 840, height: 470 } }),
        await now.screenshot(),
      ],
    });
    // Requests the server got before this are all long reported; a segment fetched as the tab closes
    // may be served while its event is lost with the closing tab.
    playbackEnd = Date.now();
    await player.evaluate(() => document.querySelector('video')?.pause());
    await now.close();
    await settledHistory(
      extension,
      (h) => h.sessions.length === 1 && h.events.some((e) => e.kind === 'stall'),
    );
    await player.close();
    closedAt = Date.now();
    const history = await settledHistory(extension, (h) => h.sessions.every((s) => s.endedAt));
    const sid = history.sessions[0]?.id as string;

    // History and detail in the popup.
    const popup = await extension.openPopup();
    await popup.getByTestId('tab-history').click();
    const row = popup.locator(`[data-testid="history-row"][data-session-id="${sid}"]`);
    await expect(row).toBeVisible();
    const list = await popup.screenshot();
    await row.click();
    await expect(popup.getByTestId('detail')).toBeVisible();
    shots.push({
      name: '2-history',
      caption: 'A private history of every session',
      detail: 'Kept in your browser, day by day. Open a session for its scores and timeline.',
      images: [list, await popup.screenshot()],
    });
    await popup.getByRole('heading', { name: 'Timeline' }).evaluate((h) => h.scrollIntoView());
    const stats = await popup.screenshot();
    await popup.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    shots.push({
      name: '3-session-detail',
      caption: 'The numbers, and what else could explain them',
      detail: 'Each session’s timeline and statistics, the other explanations, and its evidence.',
      images: [stats, await popup.screenshot()],
    });

    // Export: the report page and its JSON download.
    const [report] = await Promise.all([
      context.waitForEvent('page'),
      popup.getByTestId('detail-export').click(),
    ]);
    await expect(report.getByTestId('digest-value')).toHaveText(/^[0-9a-f]{64}$/);
    shots.push({
      name: '4-report',
      caption: 'Evidence you can check',
      detail: 'A printable report, JSON and CSV exports sealed with a SHA-256 hash chain.',
      images: [await report.screenshot()],
    });
    const [download] = await Promise.all([
      report.waitForEvent('download'),
      report.getByRole('button', { name: 'Download JSON' }).click(),
    ]);
    const text = fs.readFileSync(await download.path(), 'utf8');
    const file = JSON.parse(text) as EvidenceFile;
    expect(file.sessions.map((s) => s.id)).toEqual([sid]);

    await test.step('the export holds hostnames, never a URL or a page title', async () => {
      const host = new URL(server.origins.a).hostname;
      const s = file.sessions[0] as EvidenceFile['sessions'][number];
      expect([s.pageHost, s.frameHost]).toEqual([host, host]);
      expect(s.throughputByHost.map((h) => h.host)).toEqual([host]);
      for (const leak of ['http:', '/players/', 'dash.html', '/media/', 'manifest.mpd', PLAYER_TITLE])
        expect(text, leak).not.toContain(leak);
    });

    // Verify and complaint pages.
    await report.getByRole('link', { name: 'Verify a file' }).click();
    await report
      .getByTestId('file')
      .setInputFiles({ name: 'e.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await expect(report.getByTestId('verify-result')).toHaveAttribute('data-code', 'ok');
    const [complaint] = await Promise.all([
      context.waitForEvent('page'),
      popup.getByTestId('detail-complain').click(),
    ]);
    await expect(complaint.getByTestId('body')).toBeVisible();
    // A moment for anything an extension page or the worker might still send.
    await complaint.waitForTimeout(1_000);
  } finally {
    await recorder.stop();
  }

  const isExt = (u: string) => u.startsWith(ext) || u.startsWith(`blob:${ext}`);
  const fromExtension = (r: SeenRequest) =>
    r.target.urls.some(isExt) || isExt(r.documentURL) || r.initiatorUrls.some(isExt);
  const isControl = (r: SeenRequest) => r.url.includes('recorder-control=');
  const network = (u: string) => /^(https?|wss?|ftp):/i.test(u);
  const byExtension = recorder.requests.filter(fromExtension);
  const log = testInfo.outputPath('requests.json');
  fs.writeFileSync(
    log,
    JSON.stringify(
      recorder.requests.map((r) => ({
        url: r.url.slice(0, 200),
        type: r.resourceType,
        target: `${r.target.type} ${r.target.urls.join(' → ')}`,
        initiator: r.initiatorUrls[0] ?? r.initiatorType,
        extension: fromExtension(r),
      })),
      null,
      1,
    ),
  );
  await testInfo.attach('requests.json', { path: log, contentType: 'application/json' });

  await test.step('the recorder saw the worker, the extension pages and the player page', async () => {
    const controls = recorder.requests.filter(isControl);
    expect(controls.map((r) => [r.target.type, fromExtension(r)]).sort()).toEqual([
      ['page', true],
      ['service_worker', true],
    ]);
    // The content scripts load nothing into the page (the probe is a MAIN-world content script, not a
    // file the page fetches): no request for any extension file from the player page.
    expect(recorder.requests.filter((r) => r.target.urls.includes(playerAt) && isExt(r.url))).toEqual([]);
    // Each extension page was watched…
    const pathsOf = (r: SeenRequest) => r.target.urls.filter(isExt).map((u) => new URL(u).pathname);
    const watched = new Set(byExtension.filter((r) => r.target.type === 'page').flatMap(pathsOf));
    for (const page of ['/popup.html', '/report.html', '/verify.html', '/complaint.html'])
      expect([...watched], page).toContain(page);
    // …and, like the player page, held by the recorder until it listened: none sent anything unseen.
    const held = [...recorder.targets.values()].filter(
      (t) => t.type === 'page' && t.urls.some((u) => isExt(u) || u === playerAt),
    );
    expect(held.length).toBeGreaterThanOrEqual(6);
    expect(held.filter((t) => !t.attachedWaiting).map((t) => t.urls)).toEqual([]);
    // The page's own player: its manifest and media segments, none attributed to the extension.
    const mine = recorder.requests.filter((r) => !fromExtension(r) && network(r.url));
    expect(mine.some((r) => r.url.endsWith('/media/dash/manifest.mpd'))).toBe(true);
    expect(mine.filter((r) => new URL(r.url).pathname.startsWith('/media/dash/')).length).toBeGreaterThan(5);
    // Every request the stream server received was recorded, made by the player page.
    const seen = new Set(mine.map((r) => new URL(r.url).pathname + new URL(r.url).search));
    const served = server.requests.filter((e) => e.time >= since && e.time < playbackEnd).map((e) => e.path);
    expect(served.length).toBeGreaterThan(5);
    expect(served.filter((p) => !seen.has(p))).toEqual([]);
    // And once the player was gone, nothing reached the server at all.
    expect(server.requests.filter((e) => e.time > closedAt + 1_000).map((e) => e.path)).toEqual([]);
  });

  await test.step('no request, socket or tab from the extension goes to the network', async () => {
    // Its own files, and inline data: (SVG in its CSS) or blob: (the JSON download) — nothing else.
    const offDevice = byExtension.filter(
      (r) => !isControl(r) && !isExt(r.url) && !/^(data|blob):/.test(r.url),
    );
    expect(offDevice.map((r) => `${r.target.type} ${r.url}`)).toEqual([]);
    expect(recorder.webSockets).toEqual([]);
    // Nothing in the whole browser went anywhere but the local stream server.
    const hosts = new Set(recorder.requests.filter((r) => network(r.url)).map((r) => new URL(r.url).host));
    expect([...hosts].sort()).toEqual([new URL(server.origins.a).host]);
    // Tabs the extension opens (tabs.create leaves no opener to trace): no tab or frame of the whole
    // run was ever anywhere but the extension's pages, about:blank and the player the test opened.
    const places = [...recorder.targets.values()]
      .filter((t) => t.type === 'page' || t.type === 'iframe')
      .flatMap((t) => t.urls)
      .filter((u) => !isExt(u) && u !== 'about:blank' && u !== playerAt);
    expect(places).toEqual([]);
  });
  expect(recorder.errors).toEqual([]);

  await saveStoreShots(context, shots, testInfo);
});
