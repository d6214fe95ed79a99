/**
 * A page can dispatch media events on its own <video> (`v.dispatchEvent(new Event('waiting'))`): they
 * look like the browser's but for `isTrusted`. While a real player plays, such forged events must not
 * make stalls, seeks or sessions; and a real stall (the link choked) is still recorded as the player's
 * own log has it. The player's log (truth.js) keeps only the browser's own events.
 */
import { expect, test } from './fixtures';
import { eventsOf, settledHistory } from './history';
import { playerUrl, stallSchedule, truthLog, truthSummary, waitForPlayback } from './players';

/**
 * Runs in the page: every 250 ms a forged `waiting` at +1 ms and `playing` at +249 ms; every second a
 * forged `seeking`/`seeked`; every 2 s a forged `ended` then `play`, until `__stopForging()`.
 */
function startForging(): void {
  const v = document.querySelector('video') as HTMLVideoElement;
  const fire = (...types: string[]) => {
    for (const type of types) v.dispatchEvent(new Event(type));
  };
  let n = 0;
  const w = window as unknown as { __forged: number; __stopForging(): void };
  w.__forged = 0;
  const timers: number[] = [];
  const id = window.setInterval(() => {
    n++;
    timers.push(window.setTimeout(() => fire('waiting'), 1));
    timers.push(window.setTimeout(() => fire('playing'), 249));
    if (n % 4 === 0) {
      timers.push(window.setTimeout(() => fire('seeking', 'seeked'), 100));
    }
    if (n % 8 === 0) {
      timers.push(window.setTimeout(() => fire('ended', 'play'), 150));
    }
    w.__forged += 2 + (n % 4 === 0 ? 2 : 0) + (n % 8 === 0 ? 2 : 0);
    if (timers.length > 64) timers.splice(0, timers.length - 64);
  }, 250);
  w.__stopForging = () => {
    window.clearInterval(id);
    for (const t of timers) window.clearTimeout(t);
  };
}

/**
 * From the page's first script: the page's own look at the playhead every 50 ms while it plays. A real
 * freeze (a decoder starved of CPU on a busy machine, the first frames) is something the video did, and
 * the tracker rightly records it; a forged event is not.
 */
function watchPlayhead(): void {
  const w = window as unknown as { __playhead: Array<[number, number]> };
  w.__playhead = [];
  setInterval(() => {
    const v = document.querySelector('video');
    if (v && !v.paused && v.currentTime > 0) w.__playhead.push([Date.now(), v.currentTime]);
  }, 50);
}

/** In the page: when the playhead, read every 50 ms, fell more than 200 ms behind the wall clock. */
function realFreezes(): number[] {
  const samples = (window as unknown as { __playhead: Array<[number, number]> }).__playhead;
  const at: number[] = [];
  let lag = 0;
  for (let i = 1; i < samples.length; i++) {
    const [t0, m0] = samples[i - 1] as [number, number];
    const [t1, m1] = samples[i] as [number, number];
    const behind = t1 - t0 - (m1 - m0) * 1000;
    lag = behind > 20 ? lag + behind : 0;
    if (lag > 200) {
      at.push(t0);
      lag = 0;
    }
  }
  return at;
}

test('forged waiting/playing, seeking and ended/play during perfect playback store nothing the player did not do', async ({
  context,
  server,
  extension,
}) => {
  const page = await context.newPage();
  await page.addInitScript(watchPlayhead);
  await page.goto(playerUrl(server, 'plain'));
  const tabId = await extension.tabIdOf(page);
  await waitForPlayback(page, 2);
  await page.evaluate(startForging);
  await page.waitForTimeout(15_000);
  const forged = await page.evaluate(() => {
    const w = window as unknown as { __forged: number; __stopForging(): void };
    w.__stopForging();
    return w.__forged;
  });
  const truth = await truthSummary(page);
  const log = await truthLog(page);
  const freezes = await page.evaluate(realFreezes);
  // The player really played through: no wait after it started, no seek, no end of its own.
  const started = log.events.findIndex((e) => e.type === 'playing');
  expect(started).toBeGreaterThanOrEqual(0);
  expect(truth.rebufferCount).toBe(0);
  expect(log.events.slice(started).filter((e) => ['seeking', 'ended', 'waiting'].includes(e.type))).toEqual(
    [],
  );
  expect(forged).toBeGreaterThan(100);

  const h = await settledHistory(extension, (x) =>
    x.samples.some(
      (s) =>
        (s.t as number) >= Date.now() - 4_000 &&
        x.sessions.some((ss) => ss.id === s.sid && ss.tabId === tabId),
    ),
  );
  const mine = h.sessions.filter((s) => s.tabId === tabId);
  const stalls = mine.flatMap((s) => eventsOf(h, s.id, 'stall'));
  const seeks = mine.flatMap((s) => eventsOf(h, s.id, 'seek'));
  const stallMs = stalls.reduce((sum, e) => sum + (e.durationMs as number), 0);
  console.log(
    `${forged} forged events in 15 s: ${mine.length} sessions, ${stalls.length} stalls (${stallMs} ms), ${seeks.length} seeks stored; the page saw ${freezes.length} playhead freezes`,
  );
  expect(mine).toHaveLength(1);
  expect(seeks).toEqual([]);
  // No stall but where the page itself saw the playhead freeze (none, unless the machine was starved).
  for (const st of stalls) {
    const seen = freezes.some((f) => Math.abs(f - (st.t as number)) <= 1_000);
    expect(seen, `stall at ${st.t} (${st.durationMs} ms): the page saw its playhead freeze then`).toBe(true);
  }
});

test('with forged events all along, a real stall (link choked) is recorded as the player saw it', async ({
  context,
  server,
  extension,
}) => {
  const page = await context.newPage();
  server.throttle('a').schedule(stallSchedule('plain'));
  await page.addInitScript(watchPlayhead);
  await page.goto(playerUrl(server, 'plain'));
  const tabId = await extension.tabIdOf(page);
  await waitForPlayback(page, 1);
  await page.evaluate(startForging);
  // The choke makes the player wait for seconds (it may also blip for a few ms before).
  await expect
    .poll(async () => (await truthSummary(page)).rebuffers.some((r) => !r.ongoing && r.durationMs >= 1_000), {
      timeout: 60_000,
      intervals: [500],
    })
    .toBe(true);
  await page.waitForTimeout(2_000);
  await page.evaluate(() => (window as unknown as { __stopForging(): void }).__stopForging());
  const truth = await truthSummary(page);
  const episodes = truth.rebuffers.filter((r) => !r.ongoing);
  const freezes = await page.evaluate(realFreezes);
  // A wait shorter than the tracker's own readings can confirm (STALL_CONFIRM_MS, a tick at most) may go
  // unrecorded; every longer one must be there, and nothing more than the player's.
  const long = episodes.filter((r) => r.durationMs >= 100);

  const h = await settledHistory(
    extension,
    (x) => x.events.filter((e) => e.kind === 'stall').length >= long.length,
  );
  const mine = h.sessions.filter((s) => s.tabId === tabId);
  const stalls = mine.flatMap((s) => eventsOf(h, s.id, 'stall'));
  const t0 = (episodes[0] as (typeof episodes)[number]).start;
  console.log(
    `player: ${episodes.map((e) => `${e.durationMs} ms at +${e.start - t0}`).join(', ')}; stored: ${mine.length} sessions, ${stalls.length} stalls (${stalls.map((s) => `${s.durationMs} ms at +${(s.t as number) - t0}`).join(', ')})`,
  );
  expect(mine).toHaveLength(1);
  expect(stalls.length).toBeGreaterThanOrEqual(long.length);
  // Every stored stall is a wait of the player's or a freeze the page itself saw.
  for (const st of stalls) {
    const t = st.t as number;
    const real =
      episodes.some((ep) => Math.abs(ep.start - t) <= 1_000) || freezes.some((f) => Math.abs(f - t) <= 1_000);
    expect(real, `stall at ${t} (${st.durationMs} ms): the player waited or the page saw a freeze`).toBe(
      true,
    );
  }
  for (const ep of long) {
    const st = stalls.find((x) => Math.abs((x.t as number) - ep.start) <= 1_000);
    expect(st, `a stored stall for the player's ${ep.durationMs} ms wait at ${ep.start}`).toBeDefined();
    expect(Math.abs((st?.durationMs as number) - ep.durationMs)).toBeLessThanOrEqual(300);
    expect(st?.cause).toBe('network');
  }
});
