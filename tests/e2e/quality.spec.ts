/**
 * Resolution and bitrate against the player's own ground truth: each rendition switch the player
 * renders is recorded within 1 s of its `resize`, downward ones are flagged as drops, and the MSE
 * bitrate estimate in steady playback is within ±10 % of the rendition's bitrate measured by ffprobe.
 */

import { readMediaIndex } from '../media/generate';
import { findTruth } from '../media/layout';
import { expect, test } from './fixtures';
import { eventsOf, settledHistory } from './history';
import { type PlayerName, playerUrl, truthLog, waitForPlayback } from './players';

const MSE_PLAYERS: PlayerName[] = ['dash', 'hls', 'shaka'];
const BITRATE_TOLERANCE = 0.1;

for (const player of MSE_PLAYERS) {
  test(`${player}: bitrate within ±10 % of ground truth; resolution switches and drops on time`, async ({
    context,
    server,
    extension,
  }) => {
    const index = await readMediaIndex();
    if (!index) throw new Error('test media missing');
    const page = await context.newPage();
    await page.goto(playerUrl(server, player, 'quality=240p&buffer=10'));
    // Long enough at 240p for a steady window (6 s of media) well before the switch.
    await waitForPlayback(page, 11, 40_000);
    const setQuality = (q: string) =>
      page.evaluate(
        (want) =>
          (window as unknown as { __player: { setQuality(w: string): void } }).__player.setQuality(want),
        q,
      );

    await setQuality('720p');
    await page.waitForFunction(() => document.querySelector('video')?.videoHeight === 720, null, {
      timeout: 30_000,
    });
    const t720 = await page.evaluate(() => document.querySelector('video')?.currentTime ?? 0);
    await page.waitForFunction((t) => (document.querySelector('video')?.currentTime ?? 0) > t + 10, t720, {
      timeout: 30_000,
    });
    await setQuality('240p');
    await page.waitForFunction(() => document.querySelector('video')?.videoHeight === 240, null, {
      timeout: 30_000,
    });
    // The drop shows on the badge: amber, marked, and named in the tooltip.
    const tabId = await extension.tabIdOf(page);
    await expect.poll(async () => (await extension.badge(tabId)).text, { timeout: 2_000 }).toBe('SD!');
    expect((await extension.badge(tabId)).title).toMatch(/resolution dropped/);
    await page.waitForTimeout(1_500);
    const truth = await truthLog(page);
    await page.close();

    const h = await settledHistory(extension, (x) => x.sessions.some((s) => s.endedAt));
    const session = h.sessions[0] as (typeof h.sessions)[number];
    const samples = h.samples.filter((s) => s.sid === session.id).sort((a, b) => a.seq - b.seq);

    await test.step('bitrate estimate against the measured rendition bitrate', async () => {
      // Phases between recorded switches: 240p until the first, 720p until the second.
      const switchesAt = eventsOf(h, session.id, 'resolution').map((e) => e.t as number);
      const phases = [
        { id: '240p', from: 0, to: switchesAt[0] ?? Number.POSITIVE_INFINITY },
        { id: '720p', from: switchesAt[0] ?? 0, to: switchesAt[1] ?? Number.POSITIVE_INFINITY },
      ] as const;
      for (const phase of phases) {
        const expected = findTruth(index, phase.id).measuredVideoKbps;
        const inPhase = samples.filter(
          (s) =>
            (s.t as number) > phase.from &&
            (s.t as number) < phase.to &&
            s.state === 'playing' &&
            s.br !== null,
        );
        // Steady playback: the estimate window (6 s of media) holds only this rendition.
        const firstMt = inPhase[0]?.mt as number;
        const settled = inPhase.filter((s) => (s.mt as number) > firstMt + 6);
        const why = JSON.stringify({
          sessions: h.sessions.map((x) => ({ id: x.id, endReason: x.endReason, samples: x.agg.samples })),
          switchesAt,
          phase,
          samples: samples.map((s) => [(s.t as number) - (switchesAt[0] ?? 0), s.mt, s.br, s.h, s.state]),
        });
        expect(settled.length, `steady ${phase.id} samples: ${why}`).toBeGreaterThan(0);
        for (const s of settled) {
          const err = Math.abs((s.br as number) - expected) / expected;
          const msg = `${phase.id}: estimate ${Math.round(s.br as number)} kbps vs ${Math.round(expected)} kbps`;
          expect(err, msg).toBeLessThanOrEqual(BITRATE_TOLERANCE);
        }
      }
    });

    await test.step('each resize recorded within 1 s, drops flagged', async () => {
      const resizes = truth.events.filter((e) => e.type === 'resize' && e.videoHeight > 0);
      const recorded = eventsOf(h, session.id, 'resolution');
      // The first resize is the initial size, not a switch.
      const switches = resizes.slice(1);
      expect(switches.length).toBeGreaterThanOrEqual(2);
      expect(recorded).toHaveLength(switches.length);
      switches.forEach((r, i) => {
        const e = recorded[i] as (typeof recorded)[number];
        expect(e.h).toBe(r.videoHeight);
        expect(Math.abs((e.t as number) - r.wall), `switch ${i} to ${r.videoHeight}p`).toBeLessThanOrEqual(
          1_000,
        );
      });
      expect(recorded.map((e) => e.drop)).toEqual(recorded.map((e) => (e.h as number) < (e.fromH as number)));
      expect(recorded.some((e) => e.drop)).toBe(true);
    });
  });
}
