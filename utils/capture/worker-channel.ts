/**
 * The content script's line to the worker, on the browser's own API: this bundle has no polyfill
 * (wxt.config.ts). Both Chrome's `chrome.runtime` and Firefox's `browser.runtime` return a promise from
 * sendMessage and let a listener answer through `sendResponse`; that common ground is all this uses.
 */
// Types only: they describe the API both browsers have; no polyfill code comes with them.
import type { Runtime } from 'webextension-polyfill';
import type { ContentRequest } from '@/utils/messaging/worker-protocol';

/** Resolves with the worker's answer; rejects when nothing answers (worker stopped, extension gone). */
export function sendToWorker(msg: ContentRequest): Promise<unknown> {
  return browser.runtime.sendMessage(msg);
}

/**
 * `answer` returns the reply to a worker's message, or undefined for none. The reply goes through
 * `sendResponse`, synchronously: Chrome, back to our minimum version, ignores a promise returned by a
 * listener; only the polyfill would have turned one into a reply.
 */
export function onWorkerMessage(answer: (message: unknown) => unknown): () => void {
  const listener: Runtime.OnMessageListenerCallback = (message, _sender, sendResponse) => {
    const reply = answer(message);
    if (reply !== undefined) sendResponse(reply);
    // No `true`: the reply, if any, has been sent; keeping the channel open would leave the sender waiting.
    return undefined as unknown as true;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
