/**
 * Sites the user turned on. The granted host permissions are the only record: on every change the
 * dynamic content scripts below (the MAIN-world probe and the isolated content script, as in the
 * manifest) are made to match exactly the granted optional sites, the open tabs of
 * a site just turned on get the content script at once, and the copies running on a site just turned
 * off are told to check and stop.
 */

import { sendToTab } from '@/utils/messaging/tab-messages';
import { watchedSites } from '@/utils/sites/watch';
import { type ContentScriptSpec, injectIntoOpenTabs, manifestContentScripts, toTab } from './reinject';

export const WATCHED_SCRIPT_ID = 'watched-sites';
export const WATCHED_PROBE_ID = 'watched-sites-probe';

const idOf = (cs: ContentScriptSpec) => (cs.world === 'MAIN' ? WATCHED_PROBE_ID : WATCHED_SCRIPT_ID);

/** The manifest's host permissions: the named services (and, in a test build, the test origins). */
export function requiredOrigins(): string[] {
  return browser.runtime.getManifest().host_permissions ?? [];
}

export async function grantedOrigins(): Promise<string[]> {
  return (await browser.permissions.getAll()).origins ?? [];
}

let queue: Promise<unknown> = Promise.resolve();

/** Brings the registration in line with the granted permissions; runs one at a time, in call order. */
export function syncWatchedScript(): Promise<string[]> {
  const run = queue.then(sync, sync);
  queue = run.catch(() => undefined);
  return run;
}

async function sync(): Promise<string[]> {
  const sites = watchedSites(await grantedOrigins(), requiredOrigins());
  const scripts = sites.length > 0 ? manifestContentScripts() : [];
  const registered = new Set(
    (await browser.scripting.getRegisteredContentScripts({ ids: [WATCHED_PROBE_ID, WATCHED_SCRIPT_ID] })).map(
      (r) => r.id,
    ),
  );
  const stale = [...registered].filter((id) => !scripts.some((cs) => idOf(cs) === id));
  if (stale.length > 0) await browser.scripting.unregisterContentScripts({ ids: stale });
  if (scripts.length === 0) return [];
  for (const cs of scripts) {
    const script = {
      id: idOf(cs),
      matches: sites,
      js: cs.js ?? [],
      runAt: (cs.run_at ?? 'document_start') as 'document_start' | 'document_end' | 'document_idle',
      allFrames: cs.all_frames ?? false,
      ...(cs.world === 'MAIN' ? { world: 'MAIN' as const } : {}),
      persistAcrossSessions: true,
    };
    type Registration = Parameters<typeof browser.scripting.registerContentScripts>[0][number];
    if (registered.has(script.id)) await browser.scripting.updateContentScripts([script as Registration]);
    else await browser.scripting.registerContentScripts([script as Registration]);
  }
  return sites;
}

/** A site was turned on (here, in the options page, or in the browser's settings). */
export async function onOriginsAdded(p: { origins?: string[] }): Promise<void> {
  await syncWatchedScript();
  // Open tabs start at once; new page loads get the registered script (or the manifest's, for a
  // named service whose access came back, as Firefox allows).
  if (p.origins?.length) await injectIntoOpenTabs(p.origins);
}

/**
 * A site was turned off. The browser stops injecting into new loads, but copies already running keep
 * running: every tab is told to re-check (without the permission we may no longer see tab URLs).
 */
export async function onOriginsRemoved(p: { origins?: string[] }): Promise<void> {
  await syncWatchedScript();
  if (!p.origins?.length) return;
  const tabs = await browser.tabs.query({});
  await Promise.all(
    tabs.map((t) =>
      t.id === undefined
        ? undefined
        : sendToTab(toTab, t.id, { type: 'watchRevoked' }).catch(() => undefined),
    ),
  );
}

/** Whether the page at `url` is still one we may watch (asked by its content script). */
export async function isWatchedUrl(url: string | undefined): Promise<boolean> {
  let u: URL;
  try {
    u = new URL(url ?? '');
  } catch {
    // The browser always names the sender's frame; without it there is nothing to check against.
    return true;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return true;
  return browser.permissions.contains({ origins: [`${u.protocol}//${u.hostname}/*`] });
}

/** After an install or update: dynamic scripts are re-made and open tabs of watched sites resume. */
export async function resumeWatchedSites(): Promise<void> {
  const sites = await syncWatchedScript();
  await injectIntoOpenTabs(sites);
}
