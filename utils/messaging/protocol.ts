/**
 * Every message between the extension's contexts, as one map from each request to its reply (types
 * only: the popup loads none of this). The worker parses requests with the zod schemas in
 * worker-protocol.ts; its handlers are typed against these maps, and each client's one transport
 * function is typed by them, so no call site casts an answer.
 */

import type { ComparisonResult } from '../analysis/load';
import type { ListOptions, QuarantineSummary, QuotaStatus, SessionPage, StoredSession } from '../db';
import type { MediaSizeMessage } from './media-size';
import type { SessionPart } from './session-parts';
import type {
  BatchAck,
  ContentRequest,
  HistoryRequest,
  LiveSnapshot,
  PageRequest,
  RecordBatch,
} from './worker-protocol';

export interface StoreStatusAnswer {
  storage: QuotaStatus | null;
  quarantine: QuarantineSummary | null;
  /** Why one of the two could not be read, if so. */
  error: string | null;
}

/** What the worker answers each extension-page request with (inside an Answer envelope). */
export interface PageReplies {
  getLive: LiveSnapshot | null;
  /** The worker is up; how many content-script messages it refused, by reason (guard.ts). */
  status: { refused: Record<'foreignWriter' | 'newSessions' | 'rate', number> };
  listSessions: SessionPage;
  /** A session's first part; the client asks getSessionPart for the rest (see session-parts.ts). */
  getSession: SessionPart | null;
  getSessionPart: SessionPart | null;
  liveSessionOfTab: StoredSession | null;
  storeStatus: StoreStatusAnswer;
  deleteSession: boolean;
  deleteHost: number;
  deleteAll: null;
  compareServices: ComparisonResult;
}
export type PageType = PageRequest['type'];
export type HistoryType = HistoryRequest['type'];
/** The request of each type, as a map (so a handler table and its caller can be typed per type). */
export type PageRequests = { [K in PageType]: Extract<PageRequest, { type: K }> };

export type Refusal = { ok: false; error: string };
/** The envelope of every answer to an extension page. */
export type Answer<T> = { ok: true; result: T } | Refusal;
export type PageAnswer<K extends PageType> = Answer<PageReplies[K]>;

/** What a content script sends: a batch as it builds it (the worker takes its records as unknown). */
export type ContentMessage = RecordBatch | Exclude<ContentRequest, { type: 'recordBatch' }>;
export type ContentType = ContentMessage['type'];
export type ContentRequests = { [K in ContentType]: Extract<ContentMessage, { type: K }> };
/** The same, as the worker has parsed them (a batch's records still unknown). */
export type ContentWire = { [K in ContentType]: Extract<ContentRequest, { type: K }> };
type Done = { ok: true };
/** What the worker answers each content-script request with; any of them may also be a Refusal. */
export interface ContentReplies {
  recordBatch: BatchAck;
  live: Done;
  liveEnded: Done;
  startTracker: Done | Refusal;
  watchStatus: { ok: true; watched: boolean };
}
export type ContentAnswer<K extends ContentType> = ContentReplies[K] | Refusal;

/** Worker → one frame's content script or tracker (tabs.sendMessage). */
export type TabMessage =
  /** Is this copy of the content script alive? (after an update, so a second is not injected) */
  | { type: 'contentPing' }
  /** Some site was turned off, perhaps this one: ask watchStatus. */
  | { type: 'watchRevoked' }
  /** CMCD-* request header values the worker saw for this frame (cmcd-headers.ts). */
  | { type: 'cmcdHeaders'; payload: string }
  /** A progressive file's size from its response headers (media-size.ts). */
  | MediaSizeMessage;
export type TabType = TabMessage['type'];
export interface TabReplies {
  contentPing: boolean;
  watchRevoked: undefined;
  cmcdHeaders: undefined;
  mediaSize: undefined;
}

/** Compile-time: the zod schemas and the reply maps name the same requests, no more, no fewer. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
export type ProtocolChecks = [
  Holds<Same<keyof PageReplies, PageType>>,
  Holds<Same<keyof ContentReplies, ContentRequest['type']>>,
  Holds<Same<keyof TabReplies, TabType>>,
  Holds<Same<Extract<PageRequest, { type: 'listSessions' }>['options'], ListOptions>>,
];
