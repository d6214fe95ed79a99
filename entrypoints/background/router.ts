/**
 * Every message to the worker comes through here. Content scripts may only record and report live
 * state for their own tab; commands that read or change history are for extension pages only.
 */
import type { Runtime } from 'webextension-polyfill';
import { recordBatch } from '@/utils/db';
import { type BatchAck, ContentRequest, PageRequest } from '@/utils/messaging/worker-protocol';
import { endLive, getLive, setLive } from './live';
import { maybeRunRetention } from './retention';
import { isWatchedUrl } from './watch';

export function isExtensionPage(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && !!sender.url?.startsWith(browser.runtime.getURL('/'));
}

export async function route(message: unknown, sender: Runtime.MessageSender): Promise<unknown> {
  if (sender.id !== browser.runtime.id) return { ok: false, error: 'unknown sender' };
  const tabId = sender.tab?.id;
  if (tabId !== undefined && !isExtensionPage(sender)) {
    const parsed = ContentRequest.safeParse(message);
    if (!parsed.success)
      return { ok: false, error: `malformed message: ${parsed.error.issues[0]?.message ?? ''}` };
    return handleContent(parsed.data, tabId, sender);
  }
  if (!isExtensionPage(sender)) return { ok: false, error: 'not allowed' };
  const parsed = PageRequest.safeParse(message);
  if (!parsed.success) return { ok: false, error: 'malformed request' };
  const req = parsed.data;
  switch (req.type) {
    case 'getLive':
      return { ok: true, live: await getLive(req.tabId) };
    case 'status':
      return { ok: true };
  }
}

async function handleContent(
  req: ContentRequest,
  tabId: number,
  sender: Runtime.MessageSender,
): Promise<unknown> {
  switch (req.type) {
    case 'recordBatch': {
      const session = { ...req.session, tabId };
      if (!session.pageHost && sender.tab?.url) session.pageHost = hostOf(sender.tab.url);
      try {
        // The store validates each record and quarantines the bad ones; see RecordBatchWire.
        const r = await recordBatch({
          session,
          samples: req.samples as never[],
          events: req.events as never[],
        });
        // After the ack's data is safe: old raw samples go once a day (failure here loses nothing new).
        void maybeRunRetention(Date.now()).catch(() => undefined);
        // A safety net for a stop message that never arrived: the next ack says so.
        const unwatched = !(await isWatchedUrl(sender.url));
        return {
          ok: true,
          stored: r.stored,
          duplicates: r.duplicates,
          ...(unwatched ? { unwatched: true as const } : {}),
        } satisfies BatchAck;
      } catch (e) {
        return { ok: false, error: e instanceof Error ? e.message : String(e) } satisfies BatchAck;
      }
    }
    case 'live':
      await setLive(tabId, req.snapshot);
      return { ok: true };
    case 'liveEnded':
      await endLive(tabId, req.sid);
      return { ok: true };
    case 'hello':
      return { ok: true };
    case 'watchStatus':
      return { ok: true, watched: await isWatchedUrl(sender.url) };
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}
