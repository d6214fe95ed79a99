/**
 * Each real player plays real media, stalls when the link is choked below its lowest rendition (as the
 * player itself reports), and the extension's record of that session agrees with the player: same
 * stall count, each stall and the startup within ±300 ms.
 */

import { firstAfter, watchBadge } from './badge-watch';
import { expect, test } from './fixtures';
import { eventsOf, settledHistory } from './history';
import { PLAYERS, playerUrl, stallSchedule, truthSummary, waitForPlayback } from './players';
import { checkPopup } from './popup-checks';

const TOLERANCE_MS = 300;
/** The badge is read every 100 ms; a change can be seen up to one read late. */
const BADGE_POLL_MS = 150;

for (const player of PLAYERS) {
  test(`${player}: plays, stalls when throttled, and the extension records what the player saw`, async ({
    context,
    server,
    extension,
  }, testInfo) => {
    // Another tab plays from the other origin, which is never throttled: its badge must not change.
    const other = player === 'dash' ? await context.newPage() : null;
    await other?.goto(playerUrl(server, 'plain', '', 'b'));
    const page = await context.newPage();
    server.throttle('a').schedule(stallSchedule(player));
    await page.goto(playerUrl(server, player, player === 'plain' ? '' : 'buffer=6'));
    const badge = watchBadge(extension, await extension.tabIdOf(page));
    const otherBadge = other ? watchBadge(extension, await extension.tabIdOf(other)) : null;

    await test.step('the player really plays', async () => {
      await waitForPlayback(page, 2);
      const s = await truthSummary(page);
      expect(s.framesDecoded ?? 0).toBeGreaterThan(0);
      expect(s.startupMs).not.toBeNull();
    });

    await test.step('choking the link makes the player report a waiting→playing episode', async () => {
      await expect
        .poll(async () => (await truthSummary(page)).rebuffers.filter((r) => !r.ongoing).length, {
          timeout: 60_000,
          intervals: [500],
        })
        .toBeGreaterThanOrEqual(1);
      await page.waitForTimeout(2_000);
    });
    const truth = await truthSummary(page);
    const episodes = truth.rebuffers.filter((r) => !r.ongoing);
    await badge.stop();
    await otherBadge?.stop();

    await test.step('the badge turns red (WAIT) within 1 s of the player waiting, and back when it plays', async () => {
      for (const ep of episodes) {
        const red = firstAfter(badge.samples, ep.start - 1_000, (b) => b.text === 'WAIT');
        expect(red, `badge red for the stall at ${ep.start}`).toBeDefined();
        expect((red?.at as number) - ep.start).toBeLessThanOrEqual(1_000 + BADGE_POLL_MS);
        const back = firstAfter(badge.samples, ep.end as number, (b) => b.text !== 'WAIT');
        expect(back, 'badge back after the stall').toBeDefined();
        expect((back?.at as number) - (ep.end as number)).toBeLessThanOrEqual(1_000 + BADGE_POLL_MS);
        expect(back?.title).toMatch(/stall/i);
      }
      if (otherBadge) {
        expect(otherBadge.samples.length).toBeGreaterThan(10);
        expect(otherBadge.samples.filter((b) => b.text === 'WAIT')).toEqual([]);
        expect(otherBadge.samples.at(-1)?.text).toMatch(/^(720|480|SD|1080)$/);
      }
    });
    for (const r of episodes) {
      expect(r.end).not.toBeNull();
      expect(r.durationMs).toBeGreaterThan(0);
    }

    await test.step('the stored session matches the player', async () => {
      const h = await settledHistory(
        extension,
        (x) => x.sessions.length > 0 && x.events.filter((e) => e.kind === 'stall').length >= episodes.length,
      );
      const mine = h.sessions.filter((x) => x.frameHost === '127.0.0.1');
      expect(mine).toHaveLength(1);
      const session = mine[0] as (typeof mine)[number];
      const stalls = eventsOf(h, session.id, 'stall');
      expect(stalls.map((s) => Math.round(s.durationMs as number))).toHaveLength(episodes.length);
      episodes.forEach((ep, i) => {
        const st = stalls[i] as (typeof stalls)[number];
        const msg = `stall ${i}: extension ${Math.round(st.durationMs as number)} ms vs player ${ep.durationMs} ms`;
        expect(Math.abs((st.durationMs as number) - ep.durationMs), msg).toBeLessThanOrEqual(TOLERANCE_MS);
        expect(Math.abs((st.t as number) - ep.start)).toBeLessThanOrEqual(1_000);
        expect(st.cause).toBe('network');
      });
      const startup = eventsOf(h, session.id, 'startup')[0];
      expect(startup, 'a startup event').toBeDefined();
      const msg = `startup: extension ${startup?.durationMs} ms vs player ${truth.startupMs} ms`;
      expect(
        Math.abs((startup?.durationMs as number) - (truth.startupMs as number)),
        msg,
      ).toBeLessThanOrEqual(TOLERANCE_MS);
    });
    // One player is enough to judge the popup on a real session with a stall (it is the same UI).
    if (player === 'dash') {
      const h = await extension.history();
      const sid = h.sessions.find((x) => x.frameHost === '127.0.0.1')?.id as string;
      await checkPopup(extension, await extension.tabIdOf(page), sid, testInfo);
    }
  });
}
