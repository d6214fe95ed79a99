/**
 * CMCD: a dash.js page that sends Common Media Client Data in its request URLs. What the extension stores
 * is judged against what the player actually sent, as the stream server logged it: every stored payload
 * was sent, the video and audio keys are both there, and nothing naming the title is kept.
 */
import { parseCmcdFromUrl, parseCmcdPayload } from '../../utils/analysis/cmcd';
import { expect, test } from './fixtures';
import { eventsOf, settledHistory } from './history';
import { playerUrl, waitForPlayback } from './players';

test('dash.js with CMCD on: its bitrate, buffer, starvation and throughput keys are recorded', async ({
  context,
  server,
  extension,
}) => {
  const page = await context.newPage();
  await page.goto(playerUrl(server, 'dash', 'cmcd=1&quality=480p&buffer=8'));
  await waitForPlayback(page, 6, 40_000);
  await page.close();

  const h = await settledHistory(extension, (x) => x.sessions.some((s) => s.endedAt));
  const session = h.sessions[0] as (typeof h.sessions)[number];
  const stored = eventsOf(h, session.id, 'cmcd') as unknown as Record<string, unknown>[];

  // Ground truth: the CMCD the player put on the media requests the server answered.
  const sent = server.requests
    .filter((r) => r.path.startsWith('/media/'))
    .map((r) => parseCmcdFromUrl(r.path))
    .filter((c): c is NonNullable<typeof c> => c !== null);
  expect(sent.length, 'dash.js sent CMCD').toBeGreaterThan(4);
  const sentVideo = sent.filter((c) => c.ot === 'v');
  expect(sentVideo.length).toBeGreaterThan(0);

  expect(stored.length, 'CMCD events stored').toBeGreaterThan(1);
  const video = stored.filter((e) => e.ot === 'v');
  expect(video.length, 'a video payload').toBeGreaterThan(0);
  expect(
    stored.some((e) => e.ot === 'a'),
    'an audio payload',
  ).toBe(true);
  for (const e of video) {
    // Each stored payload is one the player sent: its bitrate and top bitrate match a sent one.
    expect(sentVideo.some((c) => c.br === e.br && c.tb === e.tb)).toBe(true);
    expect(typeof e.br).toBe('number');
    expect(typeof e.tb).toBe('number');
    expect(e.br as number).toBeLessThanOrEqual(e.tb as number);
  }
  // The forced 480p rendition is what the player reported fetching.
  const sentBr = new Set(sentVideo.map((c) => c.br));
  expect(sentBr.size).toBe(1);
  expect(video.every((e) => sentBr.has(e.br as number))).toBe(true);
  // Buffer length and measured throughput where the player sent them.
  if (sentVideo.some((c) => c.bl !== undefined))
    expect(video.some((e) => typeof e.bl === 'number')).toBe(true);
  if (sent.some((c) => c.mtp !== undefined)) expect(stored.some((e) => typeof e.mtp === 'number')).toBe(true);
  if (sent.some((c) => c.bs)) expect(stored.some((e) => e.bs === true)).toBe(true);
  // The page sets cid "streamwitness-test": content and session ids are never stored.
  expect(sent.some((c) => c.cid === 'streamwitness-test')).toBe(true);
  for (const e of stored) {
    expect(e).not.toHaveProperty('cid');
    expect(e).not.toHaveProperty('nor');
  }
  // Fewer events than payloads sent: repeats are not stored.
  expect(stored.length).toBeLessThan(sent.length);
});

test('dash.js with CMCD in request headers: the worker observes them, and the keys are recorded', async ({
  context,
  server,
  extension,
}) => {
  const since = Date.now();
  const page = await context.newPage();
  await page.goto(playerUrl(server, 'dash', 'cmcd=1&cmcdMode=header&quality=480p&buffer=8'));
  await waitForPlayback(page, 6, 40_000);
  await page.close();

  const h = await settledHistory(extension, (x) => x.sessions.some((s) => s.endedAt));
  const session = h.sessions[0] as (typeof h.sessions)[number];
  const stored = eventsOf(h, session.id, 'cmcd') as unknown as Record<string, unknown>[];

  // Ground truth: the CMCD-* headers the server received; the URLs carried none.
  const media = server.requests.filter((r) => r.time >= since && r.path.startsWith('/media/'));
  expect(media.some((r) => parseCmcdFromUrl(r.path) !== null)).toBe(false);
  const sentVideo = media
    .map((r) => (r.cmcd === null ? null : parseCmcdPayload(r.cmcd)))
    .filter((c): c is NonNullable<typeof c> => c !== null && c.ot === 'v');
  expect(sentVideo.length, 'dash.js sent CMCD headers').toBeGreaterThan(2);

  const video = stored.filter((e) => e.ot === 'v');
  expect(video.length, 'a video payload stored').toBeGreaterThan(0);
  for (const e of video) expect(sentVideo.some((c) => c.br === e.br && c.tb === e.tb)).toBe(true);
  for (const e of stored) expect(e).not.toHaveProperty('cid');
});
