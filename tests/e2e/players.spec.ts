/**
 * Each real player plays real media, stalls when the link is choked below its lowest rendition (as the
 * player itself reports), and the extension's record of that session agrees with the player: same
 * stall count, each stall and the startup within ±300 ms.
 */
import { expect, test } from './fixtures';
import { eventsOf, settledHistory } from './history';
import { PLAYERS, playerUrl, stallSchedule, truthSummary, waitForPlayback } from './players';

const TOLERANCE_MS = 300;

for (const player of PLAYERS) {
  test(`${player}: plays, stalls when throttled, and the extension records what the player saw`, async ({
    context,
    server,
    extension,
  }) => {
    const page = await context.newPage();
    server.throttle('a').schedule(stallSchedule(player));
    await page.goto(playerUrl(server, player, player === 'plain' ? '' : 'buffer=6'));

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
    for (const r of episodes) {
      expect(r.end).not.toBeNull();
      expect(r.durationMs).toBeGreaterThan(0);
    }

    await test.step('the stored session matches the player', async () => {
      const h = await settledHistory(
        extension,
        (x) => x.sessions.length > 0 && x.events.filter((e) => e.kind === 'stall').length >= episodes.length,
      );
      expect(h.sessions).toHaveLength(1);
      const session = h.sessions[0] as (typeof h.sessions)[number];
      expect(session.frameHost).toBe('127.0.0.1');
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
  });
}
