/**
 * The worker wires listeners and nothing else. Every listener is registered synchronously here, at
 * the top of the worker's life, so a worker Chrome restarted for an event still hears that event.
 */
import { SETTINGS_KEY } from '@/utils/settings/schema';
import { listenForCmcdHeaders } from './cmcd-headers';
import { forgetTab } from './guard';
import { badgeSettingChanged, clearTab } from './live';
import { listenForMediaSizes } from './media-size';
import { reinjectContentScripts } from './reinject';
import { route } from './router';
import { onOriginsAdded, onOriginsRemoved, resumeWatchedSites } from './watch';

export default defineBackground(() => {
  browser.runtime.onMessage.addListener((message, sender) => route(message, sender));
  browser.tabs.onRemoved.addListener((tabId) => {
    forgetTab(tabId);
    void clearTab(tabId);
  });
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'update' || reason === 'install') {
      void reinjectContentScripts();
      void resumeWatchedSites().catch(() => undefined);
    }
  });
  // Sites turned on or off from the popup, the options page or the browser's own settings.
  browser.permissions.onAdded.addListener((p) => void onOriginsAdded(p).catch(() => undefined));
  browser.permissions.onRemoved.addListener((p) => void onOriginsRemoved(p).catch(() => undefined));
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && SETTINGS_KEY in changes) void badgeSettingChanged().catch(() => undefined);
  });
  // CMCD in request headers, for the content script of the frame that sent them.
  listenForCmcdHeaders();
  // A progressive file's size, for the content script of the frame that plays it.
  listenForMediaSizes();
});
