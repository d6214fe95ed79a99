/**
 * The popup's first render with a long history: 10,000 sessions are written into the extension's own
 * IndexedDB (raw IDB from an extension page, in the v4 row shape the store writes, each row checked
 * against StoredSession first), then popup.html?view=history is opened in a fresh tab several times.
 * The mark is "first rows painted": from navigation start (performance.now() = 0) to the end of the
 * first animation frame after the first history row entered the DOM (rAF, then a 0-ms task). The list
 * paints its first screenful of rows before the rest (components/history-list.tsx), so each run also
 * records whether the rows in the DOM at the mark reach the bottom of the 400×600 window: a first render
 * that showed less than a screenful would not count as one. First contentful paint is reported beside it.
 * Sessions only: the list reads session rows, not samples.
 *
 * The worker is awake in the runs (the usual case while something plays: the content script reports
 * every few seconds); `workerStopped` opens the popup after stopping the worker, as Chrome does after
 * 30 s idle, so the first message also starts it.
 */
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from '@playwright/test';
import { StoredSession } from '../../utils/db/rows';
import { emptyAggregates } from '../../utils/metrics/aggregate';
import { SERVICES } from '../../utils/schema/playback';
import type { ExtensionHandle } from '../e2e/extension';
import { allowNamedFunctions, launchWithExtension, median, sleep } from './browser';

export interface PopupRun {
  firstRowsMs: number;
  rowInDomMs: number;
  fcpMs: number | null;
  rows: number;
  /** The rows in the DOM at the mark reach the bottom of the window. */
  filled: boolean;
}
export interface PopupResult {
  sessions: number;
  cold: PopupRun;
  runs: PopupRun[];
  median: { firstRowsMs: number; fcpMs: number | null };
  /** Every run had a full window of rows at its mark. */
  allFilled: boolean;
  workerStopped: { runs: PopupRun[]; median: { firstRowsMs: number } };
  goalMs: number;
  method: string;
}

export const POPUP_GOAL_MS = 100;
const HOUR = 3_600_000;

/** Session rows as the store leaves them: ~14 sessions a day, newest ending about now. */
export function sessionRows(n: number, now = Date.now()): StoredSession[] {
  const rows: StoredSession[] = [];
  for (let i = 0; i < n; i++) {
    const service = SERVICES[i % SERVICES.length] ?? 'other';
    const startedAt = now - (n - i) * HOUR * 1.7;
    const ms = 600_000 + (i % 7) * 300_000;
    rows.push(
      StoredSession.parse({
        id: `bench-${String(i).padStart(6, '0')}`,
        pageHost: `www.${service}.com`,
        frameHost: `www.${service}.com`,
        service,
        startedAt,
        tzOffsetMin: 60,
        delivery: 'mse',
        preview: false,
        endedAt: startedAt + ms,
        endReason: 'ended',
        agg: {
          ...emptyAggregates(),
          samples: ms / 1000,
          watchMs: ms,
          playingMs: ms - (i % 3) * 2_000,
          stallCount: i % 3,
          stallMs: (i % 3) * 2_000,
          startupMs: 900 + (i % 5) * 100,
          brSum: ms * 4_800,
          brMs: ms,
          ms720: ms,
          ms1080: i % 2 ? ms : 0,
          lastSeq: ms / 1000 - 1,
          lastT: startedAt + ms,
        },
      }),
    );
  }
  return rows;
}

/** Writes session rows straight into the extension's IndexedDB from one of its pages; returns the count. */
export async function seedSessions(ext: Page, rows: StoredSession[]): Promise<number> {
  await allowNamedFunctions(ext);
  return ext.evaluate(async (all) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('streamwitness-history');
      req.onupgradeneeded = () => req.transaction?.abort();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    for (let i = 0; i < all.length; i += 2_000) {
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('sessions', 'readwrite', { durability: 'relaxed' });
        for (const r of all.slice(i, i + 2_000)) tx.objectStore('sessions').put(r);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
    }
    const count = await new Promise<number>((resolve) => {
      const req = db.transaction('sessions').objectStore('sessions').count();
      req.onsuccess = () => resolve(req.result);
    });
    db.close();
    return count;
  }, rows);
}

export async function openOnce(context: BrowserContext, extension: ExtensionHandle): Promise<PopupRun> {
  const page = await context.newPage();
  try {
    await page.setViewportSize({ width: 400, height: 600 });
    await page.addInitScript(() => {
      new MutationObserver((_, obs) => {
        const rows = document.querySelectorAll('[data-testid="history-row"]');
        if (rows.length === 0) return;
        obs.disconnect();
        const inDom = performance.now();
        requestAnimationFrame(() =>
          setTimeout(() => {
            const firstRowsMs = performance.now();
            const all = document.querySelectorAll('[data-testid="history-row"]');
            const last = all[all.length - 1]?.getBoundingClientRect();
            (window as unknown as { __firstRows: unknown }).__firstRows = {
              rowInDomMs: inDom,
              firstRowsMs,
              rows: all.length,
              filled:
                (last?.bottom ?? 0) >= innerHeight || !document.querySelector('[data-testid="history-more"]'),
            };
          }, 0),
        );
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(extension.url('popup.html?view=history'));
    await page.waitForFunction(() => (window as unknown as { __firstRows?: unknown }).__firstRows, null, {
      timeout: 30_000,
    });
    return await page.evaluate(() => {
      const r = (window as unknown as { __firstRows: Omit<PopupRun, 'fcpMs'> }).__firstRows;
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      return { ...r, fcpMs: fcp ? fcp.startTime : null };
    });
  } finally {
    await page.close();
  }
}

export async function runPopupBench(
  opts: { sessions?: number; runs?: number; extensionDir?: string; log?: (s: string) => void } = {},
): Promise<PopupResult> {
  const sessions = opts.sessions ?? 10_000;
  const runs = opts.runs ?? 7;
  const log = opts.log ?? (() => undefined);
  const b = await launchWithExtension(opts.extensionDir);
  try {
    // The popup creates the database at the current version; then the rows go straight in.
    const first = await b.context.newPage();
    await first.goto(b.extension.url('popup.html?view=history'));
    await first.waitForSelector('[data-testid="history-empty"]', { timeout: 30_000 });
    await first.close();
    const ext = await b.extension.extPage();
    const stored = await seedSessions(ext, sessionRows(sessions));
    log(`  seeded ${stored.toLocaleString('en')} sessions`);
    if (stored < sessions) throw new Error(`seeded only ${stored} sessions`);
    const cold = await openOnce(b.context, b.extension);
    const all: PopupRun[] = [];
    for (let i = 0; i < runs; i++) all.push(await openOnce(b.context, b.extension));
    const fcps = all.flatMap((r) => (r.fcpMs === null ? [] : [r.fcpMs]));
    const stopped: PopupRun[] = [];
    for (let i = 0; i < 3; i++) {
      if (!(await b.extension.stopWorker())) throw new Error('no worker to stop');
      await sleep(500);
      stopped.push(await openOnce(b.context, b.extension));
    }
    return {
      sessions: stored,
      cold,
      runs: all,
      median: {
        firstRowsMs: median(all.map((r) => r.firstRowsMs)),
        fcpMs: fcps.length ? median(fcps) : null,
      },
      allFilled: all.every((r) => r.filled),
      workerStopped: { runs: stopped, median: { firstRowsMs: median(stopped.map((r) => r.firstRowsMs)) } },
      goalMs: POPUP_GOAL_MS,
      method:
        'popup.html?view=history in a fresh 400×600 tab, worker awake; from navigation start to the end of the first animation frame after the first history row entered the DOM (rAF + 0-ms task), with a full window of rows at that point; median of the runs after one cold open. Worker stopped first: median of 3.',
    };
  } finally {
    await b.close();
  }
}

// `npx tsx tests/bench/popup-bench.ts [extensionDir]`: this bench alone, as JSON (hold the browser lock).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runPopupBench({ extensionDir: process.argv[2], log: (s) => console.log(s) }).then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
