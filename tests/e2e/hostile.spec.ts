/**
 * The page is hostile: 10,000 forged probe batches (garbage, huge, negative, NaN, well-formed lies)
 * cause no uncaught error, do not stop capture, and put nothing invalid in the history: while a video
 * plays, and before the page has one (when the content script notes batches for the tracker to come).
 */
import { Sample } from '../../utils/schema/playback';
import { expect, test } from './fixtures';
import { settledHistory } from './history';
import { playerUrl, waitForPlayback } from './players';

/**
 * Dispatches 10,000 forged probe batches now, or (`dom`) at DOMContentLoaded, before the player has made
 * its video. Self-contained: Playwright runs it in the page. Returns the ms the dispatching took.
 */
function flood(when: 'now' | 'dom'): number {
  // Batches as the probe sends them (probe-wire.ts): [sources, buffers, ops]; op 0 appends, 1 removes.
  const forged: unknown[] = [
    'not json',
    '[[],[],[[0,2,-5,0,2,0]]]',
    '[[],[],[[0,2,1e308,0,2,0]]]',
    '[[],[],[[0,2,100,"NaN",2,0]]]',
    '[[],[],[[0,2,100,5,1,0]]]',
    '[[],[[1,999,"video/mp4"]],[]]',
    '[[],[],[[0,999,999999999,0,0.001,0]]]',
    'x'.repeat(5_000_000),
    { k: 'ap' },
    null,
    42,
    '[[[1,"javascript:alert(1)"]],[],[]]',
    '{"__proto__":{"polluted":true},"0":[],"1":[],"2":[[1,2,0,0,1e9,0]]}',
    // The single-message format from before batches.
    '{"k":"ap","sb":2,"bytes":100,"start":0,"end":2}',
  ];
  const run = () => {
    const t0 = performance.now();
    for (let i = 0; i < 10_000; i++) {
      window.dispatchEvent(new CustomEvent('streamwitness:probe', { detail: forged[i % forged.length] }));
    }
    return performance.now() - t0;
  };
  if (when === 'now') return run();
  document.addEventListener('DOMContentLoaded', () => run(), { once: true });
  return 0;
}

test('10,000 forged probe messages: no error, capture continues, nothing invalid stored', async ({
  context,
  server,
  extension,
}) => {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(playerUrl(server, 'dash'));
  await waitForPlayback(page, 2);
  const elapsed = await page.evaluate(flood, 'now' as const);
  // Capture goes on: the session keeps getting samples after the flood.
  const before = (await extension.history()).samples.length;
  await page.waitForTimeout(4_500);
  const h = await settledHistory(extension, (x) => x.samples.length > before + 2);
  expect(errors).toEqual([]);
  for (const s of h.samples) {
    expect(Sample.safeParse(s).success).toBe(true);
    // A forged 1e308-byte or 0.001 s chunk would show as an absurd bitrate.
    expect(s.br === null || (s.br as number) < 50_000).toBe(true);
  }
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  console.log(`10,000 forged messages dispatched in ${elapsed.toFixed(0)} ms`);

  await test.step('the same flood before the page has a video: the notes the content script keeps until the tracker comes stay bounded, and capture starts', async () => {
    const early = await context.newPage();
    early.on('pageerror', (e) => errors.push(e.message));
    await early.addInitScript(flood, 'dom' as const);
    await early.goto(playerUrl(server, 'dash'));
    await waitForPlayback(early, 3);
    const tabId = await extension.tabIdOf(early);
    const later = await settledHistory(
      extension,
      (x) =>
        x.samples.filter((smp) => x.sessions.some((ss) => ss.id === smp.sid && ss.tabId === tabId)).length >=
        2,
    );
    expect(errors).toEqual([]);
    for (const smp of later.samples) {
      expect(Sample.safeParse(smp).success).toBe(true);
      expect(smp.br === null || (smp.br as number) < 50_000).toBe(true);
    }
    await early.close();
  });
});
