/**
 * Every message to the worker comes through here. Content scripts may only record and report live
 * state for their own tab and frame, under the hosts the browser names (identity.ts), at the rate
 * guard.ts allows; commands that read or change history are for extension pages only.
 */
import type { Runtime } from 'webextension-polyfill';
import { quarantineBatch, recordBatch } from '@/utils/db';
import { type BatchAck, ContentRequest, PageRequest } from '@/utils/messaging/worker-protocol';
import { allow, NEW_SESSIONS_PER_MINUTE, refuse } from './guard';
import { type SenderIdentity, senderIdentity } from './identity';
import { receiveLive } from './live';
import { bind, loadOwners, lookup } from './owners';
import { answerPage } from './page-handlers';
import { injectTracker } from './reinject';
import { maybeRunRetention } from './retention';
import { isWatchedUrl } from './watch';

export function isExtensionPage(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && !!sender.url?.startsWith(browser.runtime.getURL('/'));
}

export async function route(message: unknown, sender: Runtime.MessageSender): Promise<unknown> {
  if (sender.id !== browser.runtime.id) return { ok: false, error: 'unknown sender' };
  const who = senderIdentity(sender);
  if (who && !isExtensionPage(sender)) {
    const parsed = ContentRequest.safeParse(message);
    if (!parsed.success) {
      const error = `malformed message: ${parsed.error.issues[0]?.message ?? ''}`;
      // A batch that cannot parse never will: set aside once and refused for good, so the sender
      // does not resend it forever (video-tracker/outbox.ts).
      if ((message as { type?: unknown } | null)?.type === 'recordBatch') {
        await quarantineBatch(message, parsed.error).catch(() => undefined);
        return { ok: false, error, invalid: true } satisfies BatchAck;
      }
      return { ok: false, error };
    }
    return handleContent(parsed.data, who, sender);
  }
  if (!isExtensionPage(sender)) return { ok: false, error: 'not allowed' };
  const parsed = PageRequest.safeParse(message);
  if (!parsed.success) return { ok: false, error: 'malformed request' };
  return answerPage(parsed.data.type, parsed.data);
}

async function handleContent(
  req: ContentRequest,
  who: SenderIdentity,
  sender: Runtime.MessageSender,
): Promise<unknown> {
  const now = Date.now();
  const tabId = who.tabId;
  switch (req.type) {
    case 'recordBatch':
      return handleBatch(req, who, sender, now);
    case 'live':
    case 'liveEnded': {
      const sid = req.type === 'live' ? req.snapshot.sid : req.sid;
      await loadOwners();
      const found = lookup(sid, who, now);
      if (found.kind === 'foreign') return refuse('foreignWriter');
      if (req.type === 'liveEnded') await receiveLive(tabId, sid, null, now);
      else {
        // What the badge and the popup name is the browser's host, not the snapshot's.
        const id = found.kind === 'bound' ? found.owner : who;
        const snapshot = { ...req.snapshot, service: id.service, pageHost: id.pageHost || id.frameHost };
        await receiveLive(tabId, sid, snapshot, now);
      }
      return { ok: true };
    }
    case 'startTracker':
      if (!allow(tabId, 'other', now)) return refuse('rate');
      try {
        await injectTracker(tabId, who.frameId);
        return { ok: true };
      } catch (e) {
        return { ok: false, error: e instanceof Error ? e.message : String(e) };
      }
    case 'watchStatus':
      if (!allow(tabId, 'other', now)) return refuse('rate');
      return { ok: true, watched: await isWatchedUrl(sender.url) };
  }
}

/**
 * A batch is written under the identity its session was bound to (its first writer's tab, frame and
 * hosts), never the one it claims. Checks, cheapest first: the session's owner, the tab's new-session
 * cap, the tab's batch bucket; only then a transaction.
 */
async function handleBatch(
  req: Extract<ContentRequest, { type: 'recordBatch' }>,
  who: SenderIdentity,
  sender: Runtime.MessageSender,
  now: number,
): Promise<BatchAck> {
  await loadOwners();
  const sid = req.session.id;
  const found = lookup(sid, who, now);
  if (found.kind === 'foreign') return refuse('foreignWriter');
  if (found.kind === 'new' && found.startsInLastMinute >= NEW_SESSIONS_PER_MINUTE)
    return refuse('newSessions');
  if (!allow(who.tabId, 'batch', now)) return refuse('rate');
  const id = found.kind === 'bound' ? found.owner : await bind(sid, who, now);
  const session = {
    ...req.session,
    pageHost: id.pageHost,
    frameHost: id.frameHost,
    service: id.service,
    tabId: id.tabId,
  };
  try {
    // The store parses each record and quarantines the bad ones; see RecordBatchWire.
    const r = await recordBatch({ session, samples: req.samples, events: req.events });
    // After the ack's data is safe: old raw samples go once a day (failure here loses nothing new).
    void maybeRunRetention(Date.now()).catch(() => undefined);
    // A safety net for a stop message that never arrived: the next ack says so.
    const unwatched = !(await isWatchedUrl(sender.url));
    return {
      ok: true,
      stored: r.stored,
      duplicates: r.duplicates,
      ...(unwatched ? { unwatched: true as const } : {}),
    };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
