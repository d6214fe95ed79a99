/**
 * The popup's view of the history: the same calls as the store, answered by the worker. The worker owns
 * the database and validates every record it reads (quarantining what fails), so the popup carries
 * neither the store nor zod; here only the envelope is checked. Imports are types only.
 */

import type {
  ListOptions,
  QuarantineSummary,
  QuotaStatus,
  SessionDetail,
  SessionPage,
  StoredSession,
} from '@/utils/db';
import type { ComparisonResult } from '../analysis/load';
import { browser } from '../native-browser';
import { forgetFirstPage, isObject } from './first-page-cache';
import type { HistoryRequest } from './worker-protocol';

export interface StoreStatusAnswer {
  storage: QuotaStatus | null;
  quarantine: QuarantineSummary | null;
  /** Why one of the two could not be read, if so. */
  error: string | null;
}

export type Send = (message: HistoryRequest) => Promise<unknown>;

/** The worker's `{ ok, result }` envelope; anything else is an error with the worker's words. */
export function unwrapAnswer(res: unknown): unknown {
  if (typeof res !== 'object' || res === null) throw new Error('no answer from the background worker');
  const r = res as { ok?: unknown; error?: unknown; result?: unknown };
  if (r.ok !== true) throw new Error(typeof r.error === 'string' ? r.error : 'the background worker refused');
  return r.result;
}

/** The least each answer must be before the popup renders it; the worker validated the records. */
const shapes = {
  page: (v: unknown) => isObject(v) && Array.isArray(v.sessions),
  detailOrNull: (v: unknown) =>
    v === null || (isObject(v) && isObject(v.session) && Array.isArray(v.samples)),
  sessionOrNull: (v: unknown) => v === null || (isObject(v) && typeof v.id === 'string'),
  status: (v: unknown) => isObject(v) && 'storage' in v && 'quarantine' in v,
  boolean: (v: unknown) => typeof v === 'boolean',
  count: (v: unknown) => typeof v === 'number',
  comparison: (v: unknown) =>
    isObject(v) &&
    isObject(v.summary) &&
    Array.isArray(v.summary.services) &&
    Array.isArray(v.summary.pairs) &&
    typeof v.from === 'number',
  nothing: () => true,
} as const;

export function createHistoryClient(send: Send = (m) => browser.runtime.sendMessage(m)) {
  const ask = async <T>(message: HistoryRequest, shape: (v: unknown) => boolean): Promise<T> => {
    const result = unwrapAnswer(await send(message));
    // `null` where an answer was due is what a worker that does not know the request sends back.
    if (!shape(result)) throw new Error(`unexpected answer from the background worker to ${message.type}`);
    return result as T;
  };
  return {
    listSessions: (options: ListOptions = {}) =>
      ask<SessionPage>({ type: 'listSessions', options }, shapes.page),
    getSession: (id: string) => ask<SessionDetail | null>({ type: 'getSession', id }, shapes.detailOrNull),
    liveSessionOfTab: (tabId: number) =>
      ask<StoredSession | null>({ type: 'liveSessionOfTab', tabId }, shapes.sessionOrNull),
    storeStatus: () => ask<StoreStatusAnswer>({ type: 'storeStatus' }, shapes.status),
    // A deletion first forgets the popup's copy of the first page, so the session is not painted again.
    deleteSession: (id: string) => {
      forgetFirstPage();
      return ask<boolean>({ type: 'deleteSession', id }, shapes.boolean);
    },
    deleteHost: (host: string) => {
      forgetFirstPage();
      return ask<number>({ type: 'deleteHost', host }, shapes.count);
    },
    deleteAll: () => {
      forgetFirstPage();
      return ask<void>({ type: 'deleteAll' }, shapes.nothing);
    },
    compareServices: (days: number) =>
      ask<ComparisonResult>({ type: 'compareServices', days }, shapes.comparison),
  };
}

export type HistoryClient = ReturnType<typeof createHistoryClient>;
