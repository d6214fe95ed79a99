/**
 * The worker's answers to extension pages, one handler per request of the protocol
 * (utils/messaging/protocol.ts): the table's type makes each handler return exactly its request's reply.
 * The worker is the only context that opens the database; pages read through these.
 */
import { loadComparison } from '@/utils/analysis/load';
import {
  deleteAll,
  deleteHost,
  deleteSession,
  getSession,
  listSessions,
  liveSessionOfTab,
  quarantineSummary,
  storageStatus,
} from '@/utils/db';
import type { Answer, HistoryType, PageReplies, PageRequests, PageType } from '@/utils/messaging/protocol';
import { partOf } from '@/utils/messaging/session-parts';
import { refusalCounts } from './guard';
import { getLive } from './live';

type Handlers<K extends PageType> = { [P in K]: (req: PageRequests[P]) => Promise<PageReplies[P]> };

const why = (r: PromiseSettledResult<unknown>) =>
  r.status === 'rejected' ? (r.reason instanceof Error ? r.reason.message : String(r.reason)) : null;

/** History reads and deletions (the popup, report, complaint and options pages read through these). */
const history: Handlers<HistoryType> = {
  listSessions: async ({ options: { before, ...rest } }) =>
    listSessions({ ...rest, ...(before ? { before } : {}) }),
  getSession: async ({ id }) => {
    const detail = await getSession(id);
    return detail && partOf(detail, null);
  },
  getSessionPart: async ({ id, after }) => {
    const detail = await getSession(id);
    return detail && partOf(detail, after);
  },
  liveSessionOfTab: ({ tabId }) => liveSessionOfTab(tabId),
  storeStatus: async () => {
    // Each half is reported on its own: a failed quarantine read must not hide a full disk.
    const [storage, quarantine] = await Promise.allSettled([storageStatus(), quarantineSummary()]);
    return {
      storage: storage.status === 'fulfilled' ? storage.value : null,
      quarantine: quarantine.status === 'fulfilled' ? quarantine.value : null,
      error: why(storage) ?? why(quarantine),
    };
  },
  deleteSession: ({ id }) => deleteSession(id),
  deleteHost: ({ host }) => deleteHost(host),
  deleteAll: async () => {
    await deleteAll();
    return null;
  },
  compareServices: ({ days }) => {
    const to = Date.now();
    return loadComparison({ listSessions, getSession }, { from: to - days * 86_400_000, to });
  },
};

const handlers: Handlers<PageType> = {
  ...history,
  getLive: ({ tabId }) => getLive(tabId),
  status: async () => ({ refused: await refusalCounts() }),
};

/** One request, answered in the protocol's envelope; a failure becomes the worker's words. */
export async function answerPage<K extends PageType>(
  type: K,
  req: PageRequests[K],
): Promise<Answer<PageReplies[K]>> {
  try {
    return { ok: true, result: await handlers[type](req) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message || e.name : String(e) };
  }
}

/** The history requests alone (tests answer the popup's reads as the worker does). */
export function answerHistory<K extends HistoryType>(
  type: K,
  req: PageRequests[K],
): Promise<Answer<PageReplies[K]>> {
  return answerPage(type, req);
}
