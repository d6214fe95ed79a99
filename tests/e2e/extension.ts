/**
 * A handle on the loaded extension: reads badges, live state and the IndexedDB history from an
 * extension page (which has the chrome.* APIs and the extension's storage), and can stop the MV3
 * worker the way Chrome does when it idles.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type BrowserContext, type CDPSession, chromium, type Page } from '@playwright/test';
import { decodeRequests } from '../../utils/db/request-codec';
import { decodeSamples } from '../../utils/db/sample-codec';

export interface BadgeState {
  text: string;
  color: number[];
  title: string;
}

export interface StoredHistory {
  sessions: Array<Record<string, unknown> & { id: string; agg: Record<string, number | null> }>;
  samples: Array<Record<string, unknown> & { sid: string; seq: number }>;
  events: Array<Record<string, unknown> & { sid: string; seq: number; kind: string }>;
}

export class ExtensionHandle {
  private probe: Page | null = null;

  constructor(
    readonly context: BrowserContext,
    readonly id: string,
  ) {}

  url(p: string): string {
    return `chrome-extension://${this.id}/${p.replace(/^\//, '')}`;
  }

  /** A quiet extension page used to call chrome.* and read IndexedDB. */
  async extPage(): Promise<Page> {
    if (this.probe && !this.probe.isClosed()) return this.probe;
    this.probe = await this.context.newPage();
    // Right after a reload the extension's pages are briefly blocked: retry for a few seconds.
    for (let i = 0; ; i++) {
      try {
        await this.probe.goto(this.url('manifest.json'));
        return this.probe;
      } catch (e) {
        if (i >= 20) throw e;
        await this.probe.waitForTimeout(500);
      }
    }
  }

  async tabIdOf(page: Page): Promise<number> {
    const ext = await this.extPage();
    const url = page.url();
    const id = await ext.evaluate(async (u) => {
      const tabs = await chrome.tabs.query({});
      return tabs.find((t) => t.url === u)?.id ?? -1;
    }, url);
    if (id < 0) throw new Error(`no tab found for ${url}`);
    return id;
  }

  async badge(tabId: number): Promise<BadgeState> {
    const ext = await this.extPage();
    return ext.evaluate(async (tab) => {
      const [text, color, title] = await Promise.all([
        chrome.action.getBadgeText({ tabId: tab }),
        chrome.action.getBadgeBackgroundColor({ tabId: tab }),
        chrome.action.getTitle({ tabId: tab }),
      ]);
      return { text, color: [...color], title };
    }, tabId);
  }

  /** Reads the whole history straight from IndexedDB, decoding the compact chunks as the store does. */
  async history(): Promise<StoredHistory> {
    const ext = await this.extPage();
    return readHistoryWith((fn) => ext.evaluate(fn));
  }

  async openPopup(tabId?: number): Promise<Page> {
    const page = await this.context.newPage();
    await page.setViewportSize({ width: 400, height: 600 });
    await page.goto(this.url(`popup.html${tabId ? `?tab=${tabId}` : ''}`));
    return page;
  }

  /** Stops the MV3 service worker over CDP, as Chrome does after 30 s idle. */
  async stopWorker(): Promise<boolean> {
    const cdp = await this.browserCdp();
    const { targetInfos } = (await cdp.send('Target.getTargets')) as {
      targetInfos: Array<{ targetId: string; type: string; url: string }>;
    };
    const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.includes(this.id));
    if (!sw) return false;
    await cdp.send('Target.closeTarget', { targetId: sw.targetId });
    return true;
  }

  /**
   * Reloads the extension from its folder, as an update does (same id, new worker, orphaned content
   * scripts). chrome.runtime.reload() would drop a command-line-loaded extension here instead.
   */
  async reload(dir: string): Promise<void> {
    const cdp = await this.browserCdp();
    await cdp.send('Extensions.loadUnpacked', { path: dir });
  }

  /**
   * Opens a foreground tab in the same window, which hides the tab that was in front, as a viewer
   * switching tabs does; returns a function that closes it and brings the first tab back.
   */
  async switchToNewTab(url: string, back: Page): Promise<() => Promise<void>> {
    const cdp = await this.browserCdp();
    const { targetId } = (await cdp.send('Target.createTarget', {
      url,
      newWindow: false,
      background: false,
    })) as {
      targetId: string;
    };
    return async () => {
      await cdp.send('Target.closeTarget', { targetId });
      await back.bringToFront();
    };
  }

  /**
   * Clicks the extension's toolbar button on `page`'s tab, as a user does: Chrome grants activeTab for
   * that tab and opens the popup (reach it with `browserUrl()` and a second client; Playwright does
   * not list action popups).
   */
  async clickAction(page: Page): Promise<void> {
    await page.bringToFront();
    const cdp = await this.browserCdp();
    const { targetInfos } = (await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] } as never)) as {
      targetInfos: Array<{ targetId: string; url: string }>;
    };
    const tab = targetInfos.find((t) => t.url === page.url());
    if (!tab) throw new Error(`no tab target for ${page.url()}`);
    await cdp.send('Extensions.triggerAction' as never, { id: this.id, targetId: tab.targetId } as never);
  }

  /** The browser's DevTools HTTP endpoint, for a second CDP client. */
  browserUrl(): string {
    const [port] = fs
      .readFileSync(path.join(userDataDirOf(this.context), 'DevToolsActivePort'), 'utf8')
      .split('\n');
    return `http://127.0.0.1:${port}`;
  }

  // One browser-level CDP connection for the context's life; closing it could close the browser.
  private cdp: Promise<CDPSession> | null = null;
  private browserCdp(): Promise<CDPSession> {
    this.cdp ??= (async () => {
      const browser = await chromium.connectOverCDP(devToolsEndpoint(this.context).http);
      return browser.newBrowserCDPSession();
    })();
    return this.cdp;
  }
}

const dirs = new WeakMap<BrowserContext, string>();
export function rememberUserDataDir(context: BrowserContext, dir: string): void {
  dirs.set(context, dir);
}
function userDataDirOf(context: BrowserContext): string {
  const d = dirs.get(context);
  if (!d) throw new Error('user data dir unknown for this context');
  return d;
}

/** The browser's DevTools endpoint (the fixtures launch with --remote-debugging-port=0). */
export function devToolsEndpoint(context: BrowserContext): { http: string; ws: string } {
  const [port, wsPath] = fs
    .readFileSync(path.join(userDataDirOf(context), 'DevToolsActivePort'), 'utf8')
    .split('\n');
  return { http: `http://127.0.0.1:${port}`, ws: `ws://127.0.0.1:${port}${wsPath}` };
}

/** Reads the history from an extension page's IndexedDB and decodes its compact chunks in Node. */
export async function readHistoryWith(
  evaluate: <T>(fn: () => Promise<T>) => Promise<T>,
): Promise<StoredHistory> {
  const raw = await evaluate(async () => {
    // A reader must not create the database: if history does not exist yet, abort that open.
    const db = await new Promise<IDBDatabase | null>((resolve, reject) => {
      const req = indexedDB.open('streamwitness-history');
      req.onupgradeneeded = () => req.transaction?.abort();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => (req.error?.name === 'AbortError' ? resolve(null) : reject(req.error));
    });
    if (!db) return { sessions: [], sampleChunks: [], requestChunks: [], events: [] };
    const all = (store: string) =>
      new Promise<Array<Record<string, unknown>>>((resolve, reject) => {
        if (!db.objectStoreNames.contains(store)) return resolve([]);
        const req = db.transaction(store).objectStore(store).getAll();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    // Typed arrays do not cross to Node: send the chunk bytes as plain arrays.
    const bytes = (rows: Array<Record<string, unknown>>) =>
      rows.map((r) => ({ sid: r.sid as string, b: Array.from(r.b as Uint8Array) }));
    const [sessions, sampleChunks, requestChunks, events] = await Promise.all([
      all('sessions'),
      all('sampleChunks'),
      all('requestChunks'),
      all('events'),
    ]);
    db.close();
    return { sessions, sampleChunks: bytes(sampleChunks), requestChunks: bytes(requestChunks), events };
  });
  const samples = raw.sampleChunks.flatMap((r) => decodeSamples(r.sid, Uint8Array.from(r.b)));
  const requests = raw.requestChunks.flatMap((r) => decodeRequests(r.sid, Uint8Array.from(r.b)));
  const events = [...raw.events, ...requests].sort(
    (a, b) => String(a.sid).localeCompare(String(b.sid)) || (a.seq as number) - (b.seq as number),
  );
  return { sessions: raw.sessions, samples, events } as never;
}
