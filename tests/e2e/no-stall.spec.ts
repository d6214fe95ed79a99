/**
 * What is not a stall: a seek (even into unbuffered media, where the player waits) and a pause. The
 * player's own log shows each happened. (A hidden tab: see hidden-tab.spec.ts.)
 */
import { expect, test } from './fixtures';
import { eventsOf, settledHistory } from './history';
import { playerUrl, truthLog, waitForPlayback } from './players';

test('a seek into unbuffered media and a pause produce no stall', async ({ context, server, extension }) => {
  const page = await context.newPage();
  // Latency makes the seek wait on the network, so the player fires `waiting` during it.
  server.throttle('a').set({ latencyMs: 400 });
  await page.goto(playerUrl(server, 'dash', 'buffer=6'));
  await waitForPlayback(page, 3);

  await test.step('seek forward into unbuffered media', async () => {
    await page.evaluate(() => {
      const v = document.querySelector('video') as HTMLVideoElement;
      v.currentTime = 30;
    });
    await page.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) > 32, null, {
      timeout: 20_000,
    });
  });

  await test.step('pause for 3 s, then play', async () => {
    await page.evaluate(() => document.querySelector('video')?.pause());
    await page.waitForTimeout(3_000);
    await page.evaluate(() => document.querySelector('video')?.play());
    await page.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) > 36, null, {
      timeout: 20_000,
    });
  });

  const truth = await truthLog(page);
  expect(truth.events.some((e) => e.type === 'seeking')).toBe(true);
  expect(truth.events.some((e) => e.type === 'pause')).toBe(true);
  expect(
    truth.events.some((e) => e.type === 'waiting'),
    'the seek made the player wait',
  ).toBe(true);

  const h = await settledHistory(extension, (x) => x.events.some((e) => e.kind === 'seek'));
  const sid = h.sessions[0]?.id as string;
  expect(eventsOf(h, sid, 'stall')).toEqual([]);
  expect(eventsOf(h, sid, 'seek')).toHaveLength(1);
});
