/**
 * The content script's line to the worker, on the browser's own API: this bundle has no polyfill
 * (wxt.config.ts). Both Chrome's `chrome.runtime` and Firefox's `browser.runtime` return a promise from
 * sendMessage and let a listener answer through `sendResponse`; that common ground is all this uses.
 */
// Types only: they describe the API both browsers have; no polyfill code comes with them.
import type { Runtime } from 'webextension-polyfill';
import type { ContentAnswer, ContentMessage } from '@/utils/messaging/protocol';
import { answerTabMessage, type TabHandlers } from '@/utils/messaging/tab-messages';

/**
 * Resolves with the worker's answer, typed by the protocol (the worker's handler for this request
 * returns exactly that); rejects when nothing answers (worker stopped, extension gone).
 */
export function sendToWorker<M extends ContentMessage>(msg: M): Promise<ContentAnswer<M['type']>> {
  return browser.runtime.sendMessage(msg);
}

/**
 * `handlers` answer the worker's messages (protocol.ts TabMessage), each typed by its reply; a message
 * none of them takes gets none. The reply goes through `sendResponse`, synchronously: Chrome, back to
 * our minimum version, ignores a promise returned by a listener; only the polyfill would have turned one
 * into a reply.
 */
export function onWorkerMessage(handlers: TabHandlers): () => void {
  const listener: Runtime.OnMessageListenerCallback = (message, _sender, sendResponse) => {
    const reply = answerTabMessage(handlers, message);
    if (reply !== undefined) sendResponse(reply);
    // No `true`: the reply, if any, has been sent; keeping the channel open would leave the sender waiting.
    return undefined as unknown as true;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
