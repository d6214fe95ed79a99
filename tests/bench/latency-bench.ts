/**
 * How soon a stall shows: dash.js plays real media while the bench chokes the link until the player
 * reports `waiting`, lets it wait ~1 s, and opens the link again, at least `stalls` times. For each
 * stall it measures, from the player's own `waiting` (truth.js, in the page):
 *   - the badge turning to WAIT (chrome.action.getBadgeText read every 20 ms in an extension page);
 *   - the tab's live snapshot in storage.session saying "stalled" (storage.onChanged, no polling);
 * and, from the player's `playing` that ends the stall, the stall event being in IndexedDB (the
 * extension writes a stall when it ends; the events store is read every 100 ms).
 * Clocks: every time is Date.now() — in the page (truth.js `wall`), in the extension page and in Node —
 * which all read the same system clock. The page's performance.timeOrigin + performance.now() is
 * compared with its Date.now() at each `waiting` and the largest gap is reported (`clockSkewMs`).
 */
import { pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import { playerUrl, type TruthSummary, truthLog, truthSummary, waitForPlayback } from '../e2e/players';
import { ensureMedia } from '../media/generate';
import { startStreamServer } from '../server';
import { allowNamedFunctions, launchWithExtension, median, percentile, sleep, until } from './browser';

export interface LatencyStall {
  waitingAt: number;
  playingAt: number;
  badgeMs: number | null;
  liveMs: number | null;
  storedAfterEndMs: number | null;
}
export interface LatencyResult {
  stalls: LatencyStall[];
  badge: { median: number; p95: number; max: number; missed: number };
  live: { median: number; p95: number; max: number; missed: number };
  stored: { median: number; p95: number; max: number; missed: number };
  clockSkewMs: number;
  method: string;
}

interface Monitor {
  badge: Array<{ at: number; text: string }>;
  live: Array<{ at: number; stalled: boolean }>;
  stored: Array<{ at: number; n: number }>;
}

/** Starts the watchers inside an extension page; they run until the page closes. */
async function startMonitor(ext: Page, tabId: number): Promise<void> {
  await allowNamedFunctions(ext);
  await ext.evaluate((tab) => {
    const mon: Monitor = { badge: [], live: [], stored: [] };
    (window as unknown as { __mon: Monitor }).__mon = mon;
    let text = '';
    const badge = async () => {
      const t = await chrome.action.getBadgeText({ tabId: tab }).catch(() => text);
      if (t !== text) mon.badge.push({ at: Date.now(), text: t });
      text = t;
      setTimeout(badge, 20);
    };
    void badge();
    chrome.storage.onChanged.addListener((changes, area) => {
      const c = changes[`live:${tab}`];
      if (area !== 'session' || !c) return;
      const snaps = Object.values((c.newValue ?? {}) as Record<string, { state: string }>);
      mon.live.push({ at: Date.now(), stalled: snaps.some((s) => s.state === 'stalled') });
    });
    let db: IDBDatabase | null = null;
    let n = 0;
    const open = () =>
      new Promise<IDBDatabase | null>((resolve) => {
        const req = indexedDB.open('streamwitness-history');
        req.onupgradeneeded = () => req.transaction?.abort();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => resolve(null);
      });
    const stored = async () => {
      db ??= await open();
      if (db?.objectStoreNames.contains('events')) {
        const all = await new Promise<Array<{ kind: string }>>((resolve) => {
          const req = (db as IDBDatabase).transaction('events').objectStore('events').getAll();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => resolve([]);
        });
        const count = all.filter((e) => e.kind === 'stall').length;
        if (count !== n) mon.stored.push({ at: Date.now(), n: count });
        n = count;
      }
      setTimeout(stored, 100);
    };
    void stored();
  }, tabId);
}

const ongoing = (s: TruthSummary) => s.rebuffers.some((r) => r.ongoing);
const finished = (s: TruthSummary) => s.rebuffers.filter((r) => !r.ongoing).length;

export async function runLatencyBench(
  opts: { stalls?: number; log?: (s: string) => void } = {},
): Promise<LatencyResult> {
  const want = opts.stalls ?? 12;
  const log = opts.log ?? (() => undefined);
  await ensureMedia();
  const server = await startStreamServer();
  const b = await launchWithExtension();
  const episodes: Array<{ start: number; end: number }> = [];
  let clockSkewMs = 0;
  try {
    const page = await b.context.newPage();
    const url = playerUrl(server, 'dash', 'buffer=4');
    await page.goto(url);
    const tabId = await b.extension.tabIdOf(page);
    const ext = await b.extension.extPage();
    await startMonitor(ext, tabId);
    const collect = async () => {
      const s = await truthSummary(page);
      for (const r of s.rebuffers) if (!r.ongoing) episodes.push({ start: r.start, end: r.end as number });
      const origin = await page.evaluate(() => performance.timeOrigin);
      for (const e of (await truthLog(page)).events as Array<{ type: string; wall: number; perf?: number }>) {
        if (e.type === 'waiting' && typeof e.perf === 'number')
          clockSkewMs = Math.max(clockSkewMs, Math.abs(origin + e.perf - e.wall));
      }
    };
    await waitForPlayback(page, 2);
    let done = 0;
    while (episodes.length + done < want) {
      // The 60-s stream cannot hold more than about six choke cycles: start it again (a new session).
      if ((await page.evaluate(() => document.querySelector('video')?.currentTime ?? 0)) > 42) {
        await collect();
        done = 0;
        await page.reload();
        await waitForPlayback(page, 2);
      }
      const before = finished(await truthSummary(page));
      server.throttle('a').set({ bytesPerSecond: 8_000 });
      await until(async () => (ongoing(await truthSummary(page)) ? true : undefined), 'waiting', 30_000);
      // Stalls of varied length, 0.8–1.6 s.
      await sleep(800 + ((episodes.length + done) % 5) * 200);
      server.throttle('a').clear();
      await until(
        async () => (finished(await truthSummary(page)) > before ? true : undefined),
        'playing',
        20_000,
      );
      done = finished(await truthSummary(page));
      log(`  stall ${episodes.length + done} of ${want}`);
      // Refill, and let the stall reach the store before the next choke.
      await sleep(3_500);
    }
    await sleep(1_000);
    await collect();
    const mon = await ext.evaluate(() => (window as unknown as { __mon: Monitor }).__mon);
    const stalls = episodes.map((ep): LatencyStall => {
      const inEp = <T extends { at: number }>(xs: T[], ok: (x: T) => boolean) =>
        xs.find((x) => x.at >= ep.start - 1_000 && x.at <= ep.end + 1_000 && ok(x));
      const badge = inEp(mon.badge, (x) => x.text === 'WAIT');
      const live = inEp(mon.live, (x) => x.stalled);
      const stored = mon.stored.find((x) => x.at >= ep.end);
      return {
        waitingAt: ep.start,
        playingAt: ep.end,
        badgeMs: badge ? badge.at - ep.start : null,
        liveMs: live ? live.at - ep.start : null,
        storedAfterEndMs: stored ? stored.at - ep.end : null,
      };
    });
    const stat = (xs: Array<number | null>) => {
      const v = xs.filter((x): x is number => x !== null);
      return { median: median(v), p95: percentile(v, 95), max: Math.max(...v), missed: xs.length - v.length };
    };
    return {
      stalls,
      badge: stat(stalls.map((s) => s.badgeMs)),
      live: stat(stalls.map((s) => s.liveMs)),
      stored: stat(stalls.map((s) => s.storedAfterEndMs)),
      clockSkewMs,
      method:
        "dash.js, buffer=4, link choked to 8 kB/s until the player's `waiting`, opened 0.8–1.6 s later; all times Date.now() on one machine; badge read every 20 ms, storage.session by onChanged, IndexedDB every 100 ms.",
    };
  } finally {
    server.throttle('a').clear();
    await b.close();
    await server.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runLatencyBench({ stalls: Number(process.argv[2]) || undefined, log: (s) => console.log(s) }).then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
