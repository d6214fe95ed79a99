/**
 * After an update or reload, Chrome does not put content scripts back into open tabs: the old copies
 * are orphaned and stop. So the new worker injects the content script into every tab that the
 * manifest's content scripts match, and capture resumes there without a page reload (the content script
 * asks for the tracker where a video is already playing). The same injection starts capture in the open
 * tabs of a site the user has just turned on.
 */
import { sendToTab, type TabSend } from '@/utils/messaging/tab-messages';

/** The tracker, built from entrypoints/video-tracker as an unlisted script. */
export const TRACKER_FILE = '/video-tracker.js';

/**
 * Into the one frame whose content script saw a <video>: as soon as possible, not at document_idle,
 * since the page is usually still loading and playing may start at any moment. A second injection
 * into the same document is harmless: the tracker finds the handoff already claimed and does nothing.
 */
export async function injectTracker(tabId: number, frameId: number): Promise<void> {
  await browser.scripting.executeScript({
    target: { tabId, frameIds: [frameId] },
    files: [TRACKER_FILE],
    injectImmediately: true,
  } as Parameters<typeof browser.scripting.executeScript>[0]);
}

/** What of a manifest content script entry the injections use. */
export interface ContentScriptSpec {
  js?: string[];
  run_at?: string;
  all_frames?: boolean;
}

/** The manifest's one content script (video.content): what the dynamic registrations run too. */
export function manifestContentScript(): ContentScriptSpec | undefined {
  return browser.runtime.getManifest().content_scripts?.[0];
}

/** The worker's line to one frame, for sendToTab. */
export const toTab: TabSend = (tabId, message, options) => browser.tabs.sendMessage(tabId, message, options);

export async function reinjectContentScripts(): Promise<number> {
  let injected = 0;
  for (const cs of browser.runtime.getManifest().content_scripts ?? []) {
    injected += await injectIntoOpenTabs(cs.matches ?? [], cs);
  }
  return injected;
}

/** Injects `cs` into every open tab matching `matches` that has no live copy yet. */
export async function injectIntoOpenTabs(
  matches: string[],
  cs: ContentScriptSpec | undefined = manifestContentScript(),
): Promise<number> {
  if (!cs || matches.length === 0) return 0;
  let injected = 0;
  const tabs = await browser.tabs.query({ url: matches });
  for (const tab of tabs) {
    if (tab.id === undefined || tab.discarded) continue;
    // A tab that loaded while we were starting already has a live copy: a second one would
    // invalidate it mid-session.
    const ping = sendToTab(toTab, tab.id, { type: 'contentPing' }, 0);
    const alive = await ping.then(
      (r) => r === true,
      () => false,
    );
    if (alive) continue;
    try {
      await browser.scripting.executeScript({
        target: { tabId: tab.id, allFrames: cs.all_frames ?? false },
        files: (cs.js ?? []) as never[],
      });
      injected++;
    } catch {
      // A tab we may not script (error page, closed meanwhile): nothing to resume there.
    }
  }
  return injected;
}
