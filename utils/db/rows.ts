/**
 * Shapes of rows only the store knows about. Playback shapes come from utils/schema; these add the
 * store's own bookkeeping (chunks, quarantine, status, retention marks) and are parsed on every read too.
 * The store's own shapes use zod/mini: they are read by the popup, which should not carry full zod for them.
 */
import { SessionMeta, SessionRecord } from '../schema/playback';
import { z as zFull } from '../schema/zod';
import { z } from '../schema/zod-mini';

/**
 * A session row as stored: the shared record plus when retention removed (some of) its raw samples, and
 * how many events were not kept because the session already held its cap (see MAX_EVENTS_PER_SESSION).
 */
export const StoredSession = SessionRecord.extend({
  rawPrunedAt: SessionRecord.shape.startedAt.optional(),
  eventsDropped: SessionRecord.shape.agg.shape.samples.optional(),
  /** Event rows and media requests stored for the session, kept here so the caps cost no count per batch. */
  held: zFull
    .object({
      events: SessionRecord.shape.agg.shape.samples,
      requests: SessionRecord.shape.agg.shape.samples,
    })
    .optional(),
});
export type StoredSession = zFull.infer<typeof StoredSession>;

/** What a batch carries about its session: the meta plus the tab it plays in. */
export const BatchSession = SessionMeta.extend({ tabId: SessionRecord.shape.tabId });
export type BatchSession = zFull.infer<typeof BatchSession>;

const isBytes = (v: unknown): v is Uint8Array => Object.prototype.toString.call(v) === '[object Uint8Array]';
const seqNo = z.int().check(z.minimum(0));
const epochMs = z.number().check(z.minimum(0));

/**
 * Consecutive records of one session (samples, or media-request events) in one row, keyed by
 * [sid, first seq]. Chunks of a session cover disjoint seq ranges [seq, last]; `t`..`u` is their wall-time
 * span (the samples store indexes `t`, for retention). `b` is the codec's bytes.
 */
export const ChunkRow = z.object({
  /** The pattern of SessionId (utils/schema/playback.ts), restated in zod/mini. */
  sid: z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/)),
  seq: seqNo,
  last: seqNo,
  n: z.int().check(z.minimum(1)),
  t: epochMs,
  u: epochMs,
  b: z.custom<Uint8Array>(isBytes, 'not a byte array'),
});
export type ChunkRow = z.infer<typeof ChunkRow>;

export const QUARANTINE_SOURCES = ['sessions', 'samples', 'events', 'batch'] as const;
export type QuarantineSource = (typeof QUARANTINE_SOURCES)[number];

export const QuarantineRow = z.object({
  id: z.optional(z.int()),
  at: z.number(),
  store: z.enum(QUARANTINE_SOURCES),
  /** zod issue paths and messages, capped. */
  reason: z.array(z.string()),
  /** JSON-safe, size-capped copy of what failed. */
  raw: z.unknown(),
  /** Primary key it had in its store, when it came from one. */
  key: z.optional(z.unknown()),
  /** Fingerprint of store + raw: a resent bad record is reported once. */
  fp: z.string(),
});
export type QuarantineRow = z.infer<typeof QuarantineRow>;

export const QuotaStatus = z.object({
  key: z.literal('quota'),
  /** 'pruned': storage filled up and old raw samples were removed; 'full': even that did not help. */
  state: z.enum(['pruned', 'full']),
  lastPrunedAt: z.number(),
  prunedSamples: z.int().check(z.minimum(0)),
  /** Sessions whose samples were pruned; absent in records written before it was kept. */
  prunedSessions: z.optional(z.int().check(z.minimum(0))),
  /** English, for logs and older readers; the UI words it from the numbers. */
  message: z.string(),
  /** 'full': when writes stopped being tried. */
  fullSince: z.optional(z.number()),
  /** 'full': writes fail at once, without touching the disk, until this time (or until space is freed). */
  retryAt: z.optional(z.number()),
  /** The user dismissed the note; kept so the next quota error still knows when samples were last pruned. */
  dismissed: z.optional(z.boolean()),
});
export type QuotaStatus = z.infer<typeof QuotaStatus>;

const counter = z.optional(z.int().check(z.minimum(0)));

/** Records ever set aside, by source: the popup's summary reads this instead of walking the store. */
export const QuarantineCount = z.object({
  key: z.literal('quarantine'),
  total: z.int().check(z.minimum(0)),
  byStore: z.object({ sessions: counter, samples: counter, events: counter, batch: counter }),
});
export type QuarantineCount = z.infer<typeof QuarantineCount>;

export type MetaRow = QuotaStatus | QuarantineCount;
