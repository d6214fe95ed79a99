/**
 * The recorded bitrate is the rendition on screen. Each MSE player runs with ABR on through a throttle
 * schedule that makes it switch at least three times; every playing sample is compared with the rendition
 * the player itself says it renders at that media time (bitrate-truth.ts). A plain <video> of the
 * progressive MP4, at full speed and throttled, gets the file's average rate on its playing samples.
 */
import { readMediaIndex } from '../media/generate';
import { findTruth, ladderTruths } from '../media/layout';
import {
  type BitrateFidelity,
  bitrateFidelity,
  frameTimeline,
  median,
  type Sample,
  screenTimeline,
} from './bitrate-truth';
import type { StoredHistory } from './extension';
import { expect, test } from './fixtures';
import { settledHistory } from './history';
import { type PlayerName, playerUrl, truthLog, truthSummary, waitForPlayback } from './players';

/**
 * 12 Mbit/s (fast, but slow enough for each ABR to time its downloads), then squeezed under 480p
 * (≈ 140 kB/s with audio), fast again, then under 240p's share: each player's
 * ABR climbs, drops, climbs and drops again within 40 s of a 60-s stream.
 */
const SWITCH_SCHEDULE = [
  { durationMs: 9_000, bytesPerSecond: 1_500_000 },
  { durationMs: 10_000, bytesPerSecond: 110_000 },
  { durationMs: 10_000, bytesPerSecond: 1_500_000 },
  { durationMs: 11_000, bytesPerSecond: 70_000 },
  { durationMs: 1_000, bytesPerSecond: null },
];
const SCHEDULE_MS = SWITCH_SCHEDULE.reduce((a, s) => a + s.durationMs, 0);

for (const player of ['dash', 'hls', 'shaka'] as const satisfies readonly PlayerName[]) {
  test(`${player}: with ABR switching, every playing sample records the rendition on screen`, async ({
    context,
    server,
    extension,
  }) => {
    const index = await readMediaIndex();
    if (!index) throw new Error('test media missing');
    const page = await context.newPage();
    server.throttle('a').schedule(SWITCH_SCHEDULE);
    await page.goto(playerUrl(server, player, 'buffer=6'));
    await waitForPlayback(page, 1);
    await page.waitForTimeout(SCHEDULE_MS - 2_000);
    const log = await truthLog(page);
    const mt = (await truthSummary(page)).currentTime ?? 0;
    // The outbox sends every 3 s: wait until the stored samples reach where the player is now.
    const stored = (x: StoredHistory) =>
      x.samples.filter((s) => s.sid === x.sessions[0]?.id && (s.mt as number) >= mt - 2).length > 0;
    const h = await settledHistory(extension, stored);
    await page.close();
    const sid = h.sessions[0]?.id;
    expect(h.sessions, 'one session').toHaveLength(1);
    const samples = h.samples.filter((s) => s.sid === sid && (s.mt as number) <= mt) as unknown as Sample[];
    const ladder = ladderTruths(index);
    const byPlayer = bitrateFidelity(samples, screenTimeline(log.events, log.switches), ladder);
    const byFrame = bitrateFidelity(samples, frameTimeline(log.events), ladder);
    const line = (f: BitrateFidelity) =>
      `renditions ${f.renditions.join('→')}, ${f.withBitrate}/${f.playing} playing samples with a bitrate, ${(
        f.within10 * 100
      ).toFixed(0)} % within 10 %, median ${f.medianPct.toFixed(1)} %`;
    const summary = `${player}: against the player's rendered events: ${line(byPlayer)}; against the frame on screen: ${line(byFrame)}`;
    console.log(summary);
    expect(byPlayer.renditions.length - 1, `at least three switches: ${summary}`).toBeGreaterThanOrEqual(3);
    // The player's own events name the switches; the page's resize events say when each rendition reached
    // the screen (dash.js and hls.js report a switch when they re-append under the playhead, up to a
    // segment before or after its frames show, and hls.js can show a level for a fragment or two without
    // a LEVEL_SWITCHED of its own). Every frame on screen must be a rung of the ladder the truth names.
    expect(
      byFrame.renditions.every((h) => ladder.some((r) => r.height === h)),
      summary,
    ).toBe(true);
    expect(byFrame.playing, summary).toBeGreaterThanOrEqual(20);
    expect(byFrame.within10, summary).toBeGreaterThanOrEqual(0.9);
    expect(byFrame.medianPct, summary).toBeLessThanOrEqual(5);
  });
}

test('plain <video>: the progressive file has its average rate on the playing samples, at full speed and throttled', async ({
  context,
  server,
  extension,
}) => {
  const index = await readMediaIndex();
  if (!index) throw new Error('test media missing');
  const file = findTruth(index, 'mp4');
  const truthKbps = (file.fileBytes * 8) / 1000 / file.durationS;
  for (const throttled of [false, true]) {
    // Just above the file's rate: the download runs alongside playback, as on a slow line.
    if (throttled) server.throttle('a').set({ bytesPerSecond: 400_000 });
    else server.throttle('a').clear();
    const known = new Set((await extension.history()).sessions.map((s) => s.id));
    const page = await context.newPage();
    await page.goto(playerUrl(server, 'plain'));
    await waitForPlayback(page, 1);
    await page.waitForTimeout(10_000);
    const mt = (await truthSummary(page)).currentTime ?? 0;
    const mine = (x: StoredHistory) => x.sessions.find((s) => !known.has(s.id))?.id;
    const h = await settledHistory(extension, (x) =>
      x.samples.some((s) => s.sid === mine(x) && (s.mt as number) >= mt - 2),
    );
    await page.close();
    const sid = h.sessions.find((s) => !known.has(s.id))?.id;
    const playing = (h.samples as unknown as Array<Sample & { sid: string }>).filter(
      (s) => s.sid === sid && s.state === 'playing',
    );
    const errs = playing.map((s) => (s.br === null ? 100 : (Math.abs(s.br - truthKbps) / truthKbps) * 100));
    const summary = `plain ${throttled ? 'throttled' : 'full speed'}: ${playing.length} playing samples, ${
      playing.filter((s) => s.br !== null).length
    } with a bitrate, median error ${median(errs).toFixed(1)} %, max ${Math.max(...errs).toFixed(1)} %`;
    console.log(summary);
    expect(playing.length, summary).toBeGreaterThanOrEqual(8);
    expect(errs.filter((e) => e <= 5).length / errs.length, summary).toBeGreaterThanOrEqual(0.9);
  }
  server.throttle('a').clear();
});
