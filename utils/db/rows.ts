/**
 * Shapes of rows only the store knows about. Playback shapes come from utils/schema; these add the
 * store's own bookkeeping (quarantine, status, retention marks) and are parsed on every read too.
 */
import { SessionMeta, SessionRecord } from '../schema/playback';
import { z } from '../schema/zod';

/** A session row as stored: the shared record plus when retention removed (some of) its raw samples. */
export const StoredSession = SessionRecord.extend({ rawPrunedAt: z.number().finite().min(0).optional() });
export type StoredSession = z.infer<typeof StoredSession>;

/** What a batch carries about its session: the meta plus the tab it plays in. */
export const BatchSession = SessionMeta.extend({ tabId: z.number().int().optional() });
export type BatchSession = z.infer<typeof BatchSession>;

export const QUARANTINE_SOURCES = ['sessions', 'samples', 'events', 'batch'] as const;
export type QuarantineSource = (typeof QUARANTINE_SOURCES)[number];

export const QuarantineRow = z.object({
  id: z.number().int().optional(),
  at: z.number(),
  store: z.enum(QUARANTINE_SOURCES),
  /** zod issue paths and messages, capped. */
  reason: z.array(z.string()),
  /** JSON-safe, size-capped copy of what failed. */
  raw: z.unknown(),
  /** Primary key it had in its store, when it came from one. */
  key: z.unknown().optional(),
  /** Fingerprint of store + raw: a resent bad record is reported once. */
  fp: z.string(),
});
export type QuarantineRow = z.infer<typeof QuarantineRow>;

export const QuotaStatus = z.object({
  key: z.literal('quota'),
  /** 'pruned': storage filled up and old raw samples were removed; 'full': even that did not help. */
  state: z.enum(['pruned', 'full']),
  lastPrunedAt: z.number(),
  prunedSamples: z.number().int().min(0),
  message: z.string(),
});
export type QuotaStatus = z.infer<typeof QuotaStatus>;

export type MetaRow = QuotaStatus;
