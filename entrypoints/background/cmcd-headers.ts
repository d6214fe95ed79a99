/**
 * CMCD a player sends in request headers (CMCD-Object/-Request/-Status/-Session) is invisible to the
 * page's Resource Timing, and wrapping the page's request functions would put the extension on the
 * initiator stack of every player request. So the worker observes the headers as the browser sends them
 * (webRequest.onSendHeaders, read-only, only on hosts the extension may access) and hands the CMCD-*
 * values to the frame's content script, which parses, thins and records them with the playing session.
 */
/** What both browsers give for a header in onSendHeaders (binary values are not read). */
export type Header = { name: string; value?: string };

import { MAX_CMCD_HEADER_CHARS } from '@/utils/messaging/limits';
import { sendToTab, type TabMessageOf, type TabSend } from '@/utils/messaging/tab-messages';

export { MAX_CMCD_HEADER_CHARS };

/** The CMCD-* header values of a request, joined with ','; null when there are none. */
export function cmcdHeaderPayload(headers: readonly Header[] | undefined): string | null {
  if (!headers) return null;
  const values: string[] = [];
  for (const h of headers.slice(0, 128)) {
    if (typeof h.name === 'string' && /^cmcd-/i.test(h.name) && typeof h.value === 'string')
      values.push(h.value);
  }
  return values.length > 0 ? values.join(',').slice(0, MAX_CMCD_HEADER_CHARS) : null;
}

export type CmcdHeadersMessage = TabMessageOf<'cmcdHeaders'>;

export function forwardCmcdHeaders(
  details: { tabId: number; frameId: number; requestHeaders?: readonly Header[] | undefined },
  send: TabSend = (t, m, options) => browser.tabs.sendMessage(t, m, options),
): void {
  if (details.tabId < 0) return;
  const payload = cmcdHeaderPayload(details.requestHeaders);
  if (!payload) return;
  const message: CmcdHeadersMessage = { type: 'cmcdHeaders', payload };
  void sendToTab(send, details.tabId, message, details.frameId).catch(() => undefined);
}

/** Top-level registration; the filter's URLs are narrowed by the browser to the hosts we may access. */
export function listenForCmcdHeaders(): void {
  browser.webRequest?.onSendHeaders.addListener(
    (details) => forwardCmcdHeaders(details),
    { urls: ['<all_urls>'], types: ['xmlhttprequest', 'media', 'other'] },
    ['requestHeaders'],
  );
}
