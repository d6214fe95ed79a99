/**
 * After an update or reload, Chrome does not put content scripts back into open tabs: the old copies
 * are orphaned and stop. So the new worker injects the content script into every tab that the
 * manifest's content scripts match, and capture resumes there without a page reload (the content script
 * asks for the tracker where a video is already playing). The same injection starts capture in the open
 * tabs of a site the user has just turned on. The manifest has two content scripts for the same pages:
 * the MAIN-world probe (entrypoints/probe.content) and the isolated content script (video.content); they
 * always go together, the probe first.
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
  matches?: string[];
  js?: string[];
  run_at?: string;
  all_frames?: boolean;
  /** 'MAIN' for the probe; absent (isolated) for the content script. */
  world?: string;
}

/** The manifest's content scripts, probe first: what the dynamic registrations run too. */
export function manifestContentScripts(): ContentScriptSpec[] {
  const all = (browser.runtime.getManifest().content_scripts ?? []) as ContentScriptSpec[];
  return [...all.filter((cs) => cs.world === 'MAIN'), ...all.filter((cs) => cs.world !== 'MAIN')];
}

/** The worker's line to one frame, for sendToTab. */
export const toTab: TabSend = (tabId, message, options) => browser.tabs.sendMessage(tabId, message, options);

export async function reinjectContentScripts(): Promise<number> {
  // Both scripts match the same pages: the isolated one's list says which tabs.
  const cs = manifestContentScripts().find((c) => c.world !== 'MAIN');
  return injectIntoOpenTabs(cs?.matches ?? []);
}

/** Injects the content scripts into every open tab matching `matches` that has no live copy yet. */
export async function injectIntoOpenTabs(
  matches: string[],
  scripts: ContentScriptSpec[] = manifestContentScripts(),
): Promise<number> {
  if (scripts.length === 0 || matches.length === 0) return 0;
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
      for (const cs of scripts) {
        await browser.scripting.executeScript({
          target: { tabId: tab.id, allFrames: cs.all_frames ?? false },
          files: (cs.js ?? []) as never[],
          ...(cs.world === 'MAIN' ? { world: 'MAIN' } : {}),
        } as Parameters<typeof browser.scripting.executeScript>[0]);
      }
      injected++;
    } catch {
      // A tab we may not script (error page, closed meanwhile): nothing to resume there.
    }
  }
  return injected;
}
