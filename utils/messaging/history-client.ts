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

export function createHistoryClient(send: Send = (m) => browser.runtime.sendMessage(m)) {
  const ask = async <T>(message: HistoryRequest): Promise<T> => unwrapAnswer(await send(message)) as T;
  return {
    listSessions: (options: ListOptions = {}) => ask<SessionPage>({ type: 'listSessions', options }),
    getSession: (id: string) => ask<SessionDetail | null>({ type: 'getSession', id }),
    liveSessionOfTab: (tabId: number) => ask<StoredSession | null>({ type: 'liveSessionOfTab', tabId }),
    storeStatus: () => ask<StoreStatusAnswer>({ type: 'storeStatus' }),
    deleteSession: (id: string) => ask<boolean>({ type: 'deleteSession', id }),
    deleteHost: (host: string) => ask<number>({ type: 'deleteHost', host }),
    deleteAll: () => ask<void>({ type: 'deleteAll' }),
  };
}

export type HistoryClient = ReturnType<typeof createHistoryClient>;
