/**
 * Who sent a content script's message, as the browser says it: the tab and frame, the page's host
 * from the tab, the frame's host from the frame's own URL or origin, and the service they belong to.
 * What the message itself claims about hosts or service is never used: a page (or a confused content
 * script) could claim anything.
 */
import type { Runtime } from 'webextension-polyfill';
import type { Service } from '@/utils/schema/playback';
import { recogniseService } from '@/utils/sites';

export interface SenderIdentity {
  tabId: number;
  frameId: number;
  /** Host of the top-level page; '' when the browser does not tell (a frame on a page we have no access to). */
  pageHost: string;
  frameHost: string;
  service: Service;
}

function hostOf(url: string | undefined): string {
  if (!url) return '';
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

/** Null for a sender outside a tab (no content script). */
export function senderIdentity(sender: Runtime.MessageSender): SenderIdentity | null {
  const tabId = sender.tab?.id;
  if (tabId === undefined) return null;
  const frameId = sender.frameId ?? 0;
  // about:blank, srcdoc and blob: frames have no host in their URL; Chrome's origin names their creator.
  const origin = (sender as { origin?: unknown }).origin;
  const frameHost =
    hostOf(sender.url) || hostOf(typeof origin === 'string' ? origin : undefined) || 'unknown';
  // The top frame is the page. Its own URL, not the tab's: a message sent while the page unloads
  // arrives when the tab may already show the next page. A frame has only the tab's word for its page
  // (present only where we have access to the tab's host).
  const pageHost = frameId === 0 ? frameHost : hostOf(sender.tab?.url);
  const byPage = pageHost ? recogniseService(pageHost) : 'other';
  return {
    tabId,
    frameId,
    pageHost,
    frameHost,
    service: byPage !== 'other' ? byPage : recogniseService(frameHost),
  };
}
