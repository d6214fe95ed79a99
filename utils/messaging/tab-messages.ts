/**
 * The worker's messages to a frame's content script and tracker (types in protocol.ts). The worker
 * sends through sendToTab, typed by TabReplies; the receiving side reads an incoming message with
 * readTabMessage (no zod in the content bundle) and answers through a handler per type, so neither side
 * casts. Only extension contexts can reach runtime.onMessage, but a reply or message is still checked.
 */
import { MAX_CMCD_HEADER_CHARS } from './limits';
import { parseMediaSize } from './media-size';
import type { TabMessage, TabReplies, TabType } from './protocol';

export type TabMessageOf<K extends TabType> = Extract<TabMessage, { type: K }>;
export type TabHandlers = { [K in TabType]?: (message: TabMessageOf<K>) => TabReplies[K] };

/** The message if it is one of the protocol's, else null. */
export function readTabMessage(m: unknown): TabMessage | null {
  if (typeof m !== 'object' || m === null || !('type' in m)) return null;
  switch (m.type) {
    case 'contentPing':
      return { type: 'contentPing' };
    case 'watchRevoked':
      return { type: 'watchRevoked' };
    case 'cmcdHeaders':
      return 'payload' in m && typeof m.payload === 'string' && m.payload.length <= MAX_CMCD_HEADER_CHARS
        ? { type: 'cmcdHeaders', payload: m.payload }
        : null;
    case 'mediaSize': {
      const size = parseMediaSize(m);
      return size ? { type: 'mediaSize', ...size } : null;
    }
    default:
      return null;
  }
}

function answerWith<K extends TabType>(
  handlers: TabHandlers,
  type: K,
  message: TabMessageOf<K>,
): TabReplies[K] | undefined {
  const handler: TabHandlers[K] = handlers[type];
  return handler?.(message);
}

/** The reply of `handlers` to a raw incoming message; undefined when it is not theirs to answer. */
export function answerTabMessage(handlers: TabHandlers, raw: unknown): TabReplies[TabType] | undefined {
  const m = readTabMessage(raw);
  return m ? answerWith(handlers, m.type, m) : undefined;
}

/** What the worker uses to reach one frame (browser.tabs.sendMessage, or a fake in tests). */
export type TabSend = (
  tabId: number,
  message: TabMessage,
  options?: { frameId?: number },
) => Promise<unknown>;

/**
 * One message to a tab, typed by the protocol. The answer comes from a content script, so it is
 * checked: anything but the protocol's reply type reads as none.
 */
export async function sendToTab<K extends TabType>(
  send: TabSend,
  tabId: number,
  message: TabMessageOf<K>,
  frameId?: number,
): Promise<TabReplies[K] | undefined> {
  const reply = await send(tabId, message, frameId === undefined ? undefined : { frameId });
  return replyChecks[message.type](reply) ? reply : undefined;
}

const replyChecks: { [K in TabType]: (v: unknown) => v is TabReplies[K] } = {
  contentPing: (v): v is boolean => typeof v === 'boolean',
  watchRevoked: (v): v is undefined => v === undefined,
  cmcdHeaders: (v): v is undefined => v === undefined,
  mediaSize: (v): v is undefined => v === undefined,
};
