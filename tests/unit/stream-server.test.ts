// @vitest-environment node
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type StreamServer, startStreamServer } from '../server';

const CLIP_BYTES = 300_000;
let mediaDir: string;
let clip: Buffer;
let server: StreamServer;

beforeAll(async () => {
  mediaDir = mkdtempSync(join(tmpdir(), 'sw-stream-server-'));
  clip = randomBytes(CLIP_BYTES);
  mkdirSync(join(mediaDir, 'dash'));
  writeFileSync(join(mediaDir, 'clip.mp4'), clip);
  writeFileSync(join(mediaDir, 'dash/manifest.mpd'), '<MPD/>');
  writeFileSync(join(mediaDir, 'dash/seg-1.m4s'), 'x');
  writeFileSync(join(mediaDir, 'master.m3u8'), '#EXTM3U\n');
  server = await startStreamServer({ mediaDir });
});

afterEach(() => server.reset());

afterAll(async () => {
  await server.close();
  rmSync(mediaDir, { recursive: true, force: true });
});

const media = (path: string, origin: 'a' | 'b' = 'a') => server.url(origin, `/media/${path}`);
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Downloads fully and returns the elapsed wall time. */
async function timedDownload(url: string, range?: string): Promise<{ ms: number; bytes: number }> {
  const start = performance.now();
  const res = await fetch(url, { headers: range ? { Range: range } : {} });
  const body = await res.arrayBuffer();
  return { ms: performance.now() - start, bytes: body.byteLength };
}

describe('origins', () => {
  it('serves origin a on 127.0.0.1 and origin b on localhost', async () => {
    expect(server.origins.a).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.origins.b).toMatch(/^http:\/\/localhost:\d+$/);
    expect(server.origins.a).not.toBe(server.origins.b);
    expect(server.url('b', 'media/clip.mp4')).toBe(`${server.origins.b}/media/clip.mp4`);
    const res = await fetch(media('clip.mp4', 'b'), { method: 'HEAD' });
    expect(res.status).toBe(200);
  });

  it('serves the player libraries from node_modules', async () => {
    for (const lib of ['dash.all.min.js', 'hls.min.js', 'shaka-player.compiled.js']) {
      const res = await fetch(server.url('a', `/lib/${lib}`), { method: 'HEAD' });
      expect(res.status, lib).toBe(200);
      expect(res.headers.get('content-type')).toContain('javascript');
    }
  });
});

describe('media files', () => {
  it('sends the whole file with 200, no-store and the right MIME types', async () => {
    const res = await fetch(media('clip.mp4'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('video/mp4');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await res.arrayBuffer()).equals(clip)).toBe(true);
    const types = await Promise.all(
      ['dash/manifest.mpd', 'master.m3u8', 'dash/seg-1.m4s'].map(async (p) => {
        const r = await fetch(media(p), { method: 'HEAD' });
        return r.headers.get('content-type');
      }),
    );
    expect(types).toEqual(['application/dash+xml', 'application/vnd.apple.mpegurl', 'video/iso.segment']);
  });

  it('answers a Range request with 206 and Content-Range', async () => {
    const res = await fetch(media('clip.mp4'), { headers: { Range: 'bytes=1000-1999' } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes 1000-1999/${CLIP_BYTES}`);
    expect(res.headers.get('content-length')).toBe('1000');
    expect(Buffer.from(await res.arrayBuffer()).equals(clip.subarray(1000, 2000))).toBe(true);

    const open = await fetch(media('clip.mp4'), { headers: { Range: `bytes=${CLIP_BYTES - 10}-` } });
    expect(open.headers.get('content-range')).toBe(
      `bytes ${CLIP_BYTES - 10}-${CLIP_BYTES - 1}/${CLIP_BYTES}`,
    );
    const suffix = await fetch(media('clip.mp4'), { headers: { Range: 'bytes=-5' } });
    expect(Buffer.from(await suffix.arrayBuffer()).equals(clip.subarray(CLIP_BYTES - 5))).toBe(true);
  });

  it('answers an unsatisfiable range with 416', async () => {
    for (const range of [`bytes=${CLIP_BYTES}-`, 'bytes=500-100']) {
      const res = await fetch(media('clip.mp4'), { headers: { Range: range } });
      expect(res.status, range).toBe(416);
      expect(res.headers.get('content-range')).toBe(`bytes */${CLIP_BYTES}`);
      await res.arrayBuffer();
    }
  });

  it('answers HEAD without a body', async () => {
    const res = await fetch(media('clip.mp4'), { method: 'HEAD' });
    expect(res.headers.get('content-length')).toBe(String(CLIP_BYTES));
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });

  it('refuses paths outside the media directory', async () => {
    for (const path of [
      '/media/../package.json',
      '/media/%2e%2e/%2e%2e/package.json',
      '/media/..%2fpackage.json',
    ]) {
      const res = await fetch(server.url('a', path));
      expect(res.status, path).toBe(404);
      await res.arrayBuffer();
    }
  });
});

describe('throttle', () => {
  it('limits throughput to the configured rate (±25 %)', async () => {
    server.throttle('a').set({ bytesPerSecond: 100_000 });
    const { ms, bytes } = await timedDownload(media('clip.mp4'), 'bytes=0-199999');
    expect(bytes).toBe(200_000);
    const rate = (bytes / ms) * 1000;
    expect(rate).toBeGreaterThan(75_000);
    expect(rate).toBeLessThan(125_000);
  });

  it('shares one bandwidth budget between concurrent responses of an origin', async () => {
    server.throttle('a').set({ bytesPerSecond: 100_000 });
    const start = performance.now();
    const both = await Promise.all([
      timedDownload(media('clip.mp4'), 'bytes=0-49999'),
      timedDownload(media('clip.mp4'), 'bytes=50000-99999'),
    ]);
    const total = performance.now() - start;
    // 100 kB at 100 kB/s: ~1 s together; each alone would have taken ~0.5 s.
    expect(total).toBeGreaterThan(750);
    expect(total).toBeLessThan(1250);
    expect(Math.min(...both.map((d) => d.ms))).toBeGreaterThan(650);
  });

  it('does not throttle the other origin', async () => {
    server.throttle('a').set({ bytesPerSecond: 20_000 });
    const { ms } = await timedDownload(media('clip.mp4', 'b'));
    expect(ms).toBeLessThan(500);
  });

  it('applies a rate change to responses already in flight', async () => {
    server.throttle('a').set({ bytesPerSecond: 50_000 });
    const download = timedDownload(media('clip.mp4'));
    await sleep(400);
    const inFlight = server.throttle('a').state().activeResponses;
    server.throttle('a').set({ bytesPerSecond: null });
    const { ms, bytes } = await download;
    expect(inFlight).toBe(1);
    expect(bytes).toBe(CLIP_BYTES);
    // At 50 kB/s the 300 kB would need 6 s; lifting the limit must finish it right away.
    expect(ms).toBeLessThan(1500);
  });

  it('delays response headers by the configured latency', async () => {
    server.throttle('a').set({ latencyMs: 300 });
    const start = performance.now();
    const res = await fetch(media('dash/manifest.mpd'));
    expect(performance.now() - start).toBeGreaterThanOrEqual(290);
    await res.text();
    const entry = server.requests.at(-1);
    expect(entry?.headersAt).not.toBeNull();
    expect((entry?.headersAt ?? 0) - (entry?.time ?? 0)).toBeGreaterThanOrEqual(290);
  });

  it('runs schedule steps in order and keeps the last setting', async () => {
    const t = server.throttle('a');
    t.schedule([
      { durationMs: 250, bytesPerSecond: 50_000, latencyMs: 10 },
      { durationMs: 250, bytesPerSecond: 80_000 },
      { durationMs: 300, bytesPerSecond: null },
    ]);
    expect(t.state()).toMatchObject({ bytesPerSecond: 50_000, latencyMs: 10, schedule: { stepIndex: 0 } });
    await sleep(350);
    expect(t.state()).toMatchObject({ bytesPerSecond: 80_000, latencyMs: 10, schedule: { stepIndex: 1 } });
    await sleep(300);
    expect(t.state()).toMatchObject({ bytesPerSecond: null, schedule: { stepIndex: 2 } });
    await sleep(250);
    expect(t.state()).toMatchObject({ bytesPerSecond: null, latencyMs: 10, schedule: null });
    expect(t.clear()).toMatchObject({ bytesPerSecond: null, latencyMs: 0, schedule: null });
  });

  it('set() cancels a running schedule', async () => {
    const t = server.throttle('a');
    t.schedule([
      { durationMs: 100, bytesPerSecond: 10_000 },
      { durationMs: 0, bytesPerSecond: 20_000 },
    ]);
    t.set({ bytesPerSecond: 30_000 });
    await sleep(200);
    expect(t.state()).toMatchObject({ bytesPerSecond: 30_000, schedule: null });
  });
});

describe('control endpoint', () => {
  const control = (path: string, init?: RequestInit) => fetch(server.url('a', `/__control/${path}`), init);
  const post = (path: string, body: unknown) =>
    control(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('sets, schedules and clears the throttle of either origin', async () => {
    let res = await post('throttle', { origin: 'b', bytesPerSecond: 125_000, latencyMs: 20 });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ bytesPerSecond: 125_000, latencyMs: 20 });
    expect(server.throttle('b').state().bytesPerSecond).toBe(125_000);
    expect(server.throttle('a').state().bytesPerSecond).toBeNull();

    res = await post('throttle', { origin: 'b', schedule: [{ durationMs: 10_000, bytesPerSecond: 20_000 }] });
    expect(await res.json()).toMatchObject({ bytesPerSecond: 20_000, schedule: { stepIndex: 0 } });

    res = await post('throttle', { origin: 'b', clear: true });
    expect(await res.json()).toMatchObject({ bytesPerSecond: null, latencyMs: 0, schedule: null });
  });

  it('reports the state of both origins', async () => {
    server.throttle('a').set({ bytesPerSecond: 1000 });
    const state = await (await control('state')).json();
    expect(state.origins).toEqual(server.origins);
    expect(state.a.throttle.bytesPerSecond).toBe(1000);
    expect(state.b.headers).toEqual({ cors: true, timingAllowOrigin: true });
  });

  it('rejects malformed requests with 400', async () => {
    expect((await post('throttle', { origin: 'c' })).status).toBe(400);
    expect((await post('throttle', { origin: 'a', bytesPerSecond: -5 })).status).toBe(400);
    const bad = await control('throttle', { method: 'POST', body: '{not json' });
    expect(bad.status).toBe(400);
  });
});

describe('CORS and Timing-Allow-Origin', () => {
  it('sends both by default and drops each when switched off', async () => {
    let res = await fetch(media('clip.mp4'), { method: 'HEAD' });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-expose-headers')).toContain('Content-Range');
    expect(res.headers.get('timing-allow-origin')).toBe('*');

    server.headers('a').set({ timingAllowOrigin: false });
    res = await fetch(media('clip.mp4'), { method: 'HEAD' });
    expect(res.headers.get('timing-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-allow-origin')).toBe('*');

    server.headers('a').set({ cors: false });
    res = await fetch(media('clip.mp4'), { method: 'HEAD' });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    // The other origin keeps its own policy.
    res = await fetch(media('clip.mp4', 'b'), { method: 'HEAD' });
    expect(res.headers.get('timing-allow-origin')).toBe('*');
  });

  it('answers Range preflights according to the policy', async () => {
    const preflight = () =>
      fetch(media('clip.mp4', 'b'), {
        method: 'OPTIONS',
        headers: {
          Origin: server.origins.a,
          'Access-Control-Request-Method': 'GET',
          'Access-Control-Request-Headers': 'range',
        },
      });
    let res = await preflight();
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-headers')).toContain('Range');
    server.headers('b').set({ cors: false });
    res = await preflight();
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('can be switched through the control endpoint', async () => {
    const res = await fetch(server.url('b', '/__control/headers'), {
      method: 'POST',
      body: JSON.stringify({ origin: 'a', cors: false }),
    });
    expect(await res.json()).toEqual({ cors: false, timingAllowOrigin: true });
    expect(server.headers('a').state().cors).toBe(false);
  });
});

describe('request log', () => {
  it('records path, range, status, bytes and duration of media requests', async () => {
    server.clearLog();
    await (await fetch(media('clip.mp4'), { headers: { Range: 'bytes=0-999' } })).arrayBuffer();
    await (await fetch(media('clip.mp4', 'b'))).arrayBuffer();
    await (await fetch(server.url('a', '/__control/state'))).json();
    await sleep(20); // 'close' bookkeeping runs just after the client has the last byte

    const log = server.requests;
    expect(log).toHaveLength(2); // control requests are not logged
    expect(log[0]).toMatchObject({
      origin: 'a',
      method: 'GET',
      path: '/media/clip.mp4',
      range: 'bytes=0-999',
      status: 206,
      bytes: 1000,
      aborted: false,
    });
    expect(log[1]).toMatchObject({ origin: 'b', range: null, status: 200, bytes: CLIP_BYTES });
    expect(log[0]?.durationMs).toBeGreaterThanOrEqual(0);

    const viaHttp = await (await fetch(server.url('b', '/__control/log'))).json();
    expect(viaHttp).toEqual(JSON.parse(JSON.stringify(log)));
    const since = await (await fetch(server.url('a', `/__control/log?since=${log[0]?.id}`))).json();
    expect(since.map((e: { id: number }) => e.id)).toEqual([log[1]?.id]);
  });

  it('marks responses the client abandoned', async () => {
    server.clearLog();
    server.throttle('a').set({ bytesPerSecond: 20_000 });
    const abort = new AbortController();
    const res = await fetch(media('clip.mp4'), { signal: abort.signal });
    await sleep(300);
    abort.abort();
    await res.arrayBuffer().catch(() => undefined);
    await sleep(100);
    const entry = server.requests[0];
    expect(entry).toMatchObject({ aborted: true, status: 200 });
    expect(entry?.bytes).toBeGreaterThan(0);
    expect(entry?.bytes).toBeLessThan(CLIP_BYTES);
    expect(server.throttle('a').state().activeResponses).toBe(0);
  });
});
