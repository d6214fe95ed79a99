/**
 * Progressive files (a plain `<video src>`) are fetched by the browser in range requests whose Resource
 * Timing entries rarely complete, so the page cannot tell the file's size. The worker reads it from the
 * response headers (webRequest.onResponseStarted, read-only, on the hosts the extension may access, the
 * same permission as background/cmcd-headers.ts) and tells the frame that made the request; its tracker
 * divides the size by the element's duration. onResponseStarted, not onHeadersReceived: a file served
 * from the browser's cache (played before in the same profile) never reaches onHeadersReceived.
 */
import {
  MAX_MEDIA_URL_CHARS,
  type MediaSizeMessage,
  type ResponseHeader,
  totalSizeOf,
} from '@/utils/messaging/media-size';

export function forwardMediaSize(
  details: {
    tabId: number;
    frameId: number;
    url: string;
    statusCode: number;
    responseHeaders?: readonly ResponseHeader[] | undefined;
  },
  send: (tabId: number, message: MediaSizeMessage, frameId: number) => Promise<unknown> = (t, m, frameId) =>
    browser.tabs.sendMessage(t, m, { frameId }),
): void {
  if (details.tabId < 0 || details.url.length > MAX_MEDIA_URL_CHARS) return;
  const bytes = totalSizeOf(details.statusCode, details.responseHeaders);
  if (bytes !== null)
    void send(details.tabId, { type: 'mediaSize', url: details.url, bytes }, details.frameId).catch(
      () => undefined,
    );
}

/** Top-level registration; only requests a media element made (type `media`). */
export function listenForMediaSizes(): void {
  browser.webRequest?.onResponseStarted.addListener(
    (details) => {
      forwardMediaSize(details);
    },
    { urls: ['<all_urls>'], types: ['media'] },
    ['responseHeaders'],
  );
}
