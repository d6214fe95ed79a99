/**
 * The worker wires listeners and nothing else. Every listener is registered synchronously here, at
 * the top of the worker's life, so a worker Chrome restarted for an event still hears that event.
 */
import { clearTab } from './live';
import { reinjectContentScripts } from './reinject';
import { route } from './router';

export default defineBackground(() => {
  browser.runtime.onMessage.addListener((message, sender) => route(message, sender));
  browser.tabs.onRemoved.addListener((tabId) => void clearTab(tabId));
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'update' || reason === 'install') void reinjectContentScripts();
  });
});
