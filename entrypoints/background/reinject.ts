/**
 * After an update or reload, Chrome does not put content scripts back into open tabs: the old copies
 * are orphaned and stop. So the new worker injects the content script into every tab that the
 * manifest's content scripts match, and capture resumes there without a page reload.
 */
export async function reinjectContentScripts(): Promise<number> {
  const manifest = browser.runtime.getManifest();
  const scripts = manifest.content_scripts ?? [];
  let injected = 0;
  for (const cs of scripts) {
    const tabs = await browser.tabs.query({ url: cs.matches ?? [] });
    for (const tab of tabs) {
      if (tab.id === undefined || tab.discarded) continue;
      // A tab that loaded while we were starting already has a live copy: a second one would
      // invalidate it mid-session.
      const alive = await browser.tabs.sendMessage(tab.id, { type: 'contentPing' }, { frameId: 0 }).then(
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
  }
  return injected;
}
