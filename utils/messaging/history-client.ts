/**
 * Extension pages' line to the worker, the only context that opens the database: the same calls as the
 * store, answered by the worker, which validates every record it reads (and quarantines what fails).
 * So no page carries the store, idb or zod; here only the envelope and each answer's outline are
 * checked, by one guard per request of the protocol (protocol.ts). Imports are types only, but for the
 * parts joiner and the first-page copy.
 */

import type { ListOptions } from '@/utils/db';
import { browser } from '../native-browser';
import { forgetFirstPage, isObject } from './first-page-cache';
import type { PageReplies, PageRequests, PageType, StoreStatusAnswer } from './protocol';
import { joinParts, type SessionPart } from './session-parts';
import type { PageRequest } from './worker-protocol';

export type { StoreStatusAnswer };

export type Send = (message: PageRequest) => Promise<unknown>;

/** The worker's `{ ok, result }` envelope; anything else is an error with the worker's words. */
export function unwrapAnswer(res: unknown): unknown {
  if (!isObject(res)) throw new Error('no answer from the background worker');
  if (res.ok !== true) {
    throw new Error(typeof res.error === 'string' ? res.error : 'the background worker refused');
  }
  return res.result;
}

const isPart = (v: unknown): v is SessionPart =>
  isObject(v) && isObject(v.session) && Array.isArray(v.samples) && Array.isArray(v.events);
const isPartOrNull = (v: unknown): v is SessionPart | null => v === null || isPart(v);

/**
 * The least each answer must be before a page renders it; the worker validated the records. A worker
 * that does not know a request answers `null` (or nothing) where an answer was due: that fails here.
 */
const guards: { [K in PageType]: (v: unknown) => v is PageReplies[K] } = {
  getLive: (v): v is PageReplies['getLive'] => v === null || (isObject(v) && typeof v.sid === 'string'),
  status: (v): v is PageReplies['status'] => isObject(v) && isObject(v.refused),
  listSessions: (v): v is PageReplies['listSessions'] => isObject(v) && Array.isArray(v.sessions),
  getSession: isPartOrNull,
  getSessionPart: isPartOrNull,
  liveSessionOfTab: (v): v is PageReplies['liveSessionOfTab'] =>
    v === null || (isObject(v) && typeof v.id === 'string'),
  storeStatus: (v): v is StoreStatusAnswer => isObject(v) && 'storage' in v && 'quarantine' in v,
  deleteSession: (v): v is boolean => typeof v === 'boolean',
  deleteHost: (v): v is number => typeof v === 'number',
  deleteAll: (v): v is null => v === null,
  compareServices: (v): v is PageReplies['compareServices'] =>
    isObject(v) &&
    isObject(v.summary) &&
    Array.isArray(v.summary.services) &&
    Array.isArray(v.summary.pairs) &&
    typeof v.from === 'number',
};

export function createHistoryClient(send: Send = (m) => browser.runtime.sendMessage(m)) {
  /** One request, typed by the protocol: its reply, checked by its guard. */
  async function ask<K extends PageType>(request: PageRequests[K] & { type: K }): Promise<PageReplies[K]> {
    const result = unwrapAnswer(await send(request));
    const guard = guards[request.type];
    if (!guard(result)) throw new Error(`unexpected answer from the background worker to ${request.type}`);
    return result;
  }
  return {
    getLive: (tabId: number) => ask({ type: 'getLive', tabId }),
    listSessions: (options: ListOptions = {}) => ask({ type: 'listSessions', options }),
    /** A whole session, joined from the parts the worker sends it in (session-parts.ts). */
    getSession: async (id: string) =>
      joinParts(await ask({ type: 'getSession', id }), (after) => ask({ type: 'getSessionPart', id, after })),
    liveSessionOfTab: (tabId: number) => ask({ type: 'liveSessionOfTab', tabId }),
    storeStatus: () => ask({ type: 'storeStatus' }),
    // A deletion first forgets the popup's copy of the first page, so the session is not painted again.
    deleteSession: (id: string) => {
      forgetFirstPage();
      return ask({ type: 'deleteSession', id });
    },
    deleteHost: (host: string) => {
      forgetFirstPage();
      return ask({ type: 'deleteHost', host });
    },
    deleteAll: async () => {
      forgetFirstPage();
      await ask({ type: 'deleteAll' });
    },
    compareServices: (days: number) => ask({ type: 'compareServices', days }),
  };
}

export type HistoryClient = ReturnType<typeof createHistoryClient>;
