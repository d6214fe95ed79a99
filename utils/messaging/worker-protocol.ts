/**
 * Content scripts and extension pages → background worker: the request schemas the worker parses
 * everything with (a compromised or confused content script is still just input); it checks `sender` so
 * that page-side callers cannot reach popup-only commands. What each request is answered with is in
 * protocol.ts.
 */

import { MAX_PLAUSIBLE_KBPS } from '../schema/limits';
import { type PlaybackEvent, PlayState, type Sample, Service, SessionMeta } from '../schema/playback';
import { z } from '../schema/zod';

import { MAX_BATCH_EVENTS, MAX_BATCH_SAMPLES } from './limits';

export { MAX_BATCH_EVENTS, MAX_BATCH_SAMPLES };

export const LiveSnapshot = z.object({
  sid: z.string().max(64),
  service: Service,
  pageHost: z.string().max(255),
  state: PlayState,
  w: z.number().int().min(0),
  h: z.number().int().min(0),
  br: z.number().min(0).max(MAX_PLAUSIBLE_KBPS).nullable(),
  buf: z.number().min(0),
  stalls: z.number().int().min(0),
  stallMs: z.number().min(0),
  startupMs: z.number().min(0).nullable(),
  lastStallAt: z.number().min(0).nullable(),
  lastDropAt: z.number().min(0).nullable(),
  /**
   * Bitrate points for the popup sparkline: [wall ms, kbps | null, stalled 0/1]. From the content
   * script, its newest few (SPARK_TAIL); as the worker keeps it, the last SPARK_WINDOW (utils/metrics/spark.ts).
   */
  spark: z.array(z.tuple([z.number(), z.number().nullable(), z.number().int().min(0).max(1)])).max(120),
  updatedAt: z.number().min(0),
});
export type LiveSnapshot = z.infer<typeof LiveSnapshot>;

/**
 * Records are checked one by one by the store, which quarantines a bad one and keeps the rest: were
 * the whole batch rejected here for one bad sample, the content script would resend it forever.
 */
export const RecordBatchWire = z.object({
  type: z.literal('recordBatch'),
  session: SessionMeta,
  samples: z.array(z.unknown()).max(MAX_BATCH_SAMPLES),
  events: z.array(z.unknown()).max(MAX_BATCH_EVENTS),
});
/** A batch as the content script builds it; the worker reads it as RecordBatchWire. */
export interface RecordBatch {
  type: 'recordBatch';
  session: SessionMeta;
  samples: Sample[];
  events: PlaybackEvent[];
}

export const ContentRequest = z.discriminatedUnion('type', [
  RecordBatchWire,
  z.object({ type: z.literal('live'), snapshot: LiveSnapshot }),
  z.object({ type: z.literal('liveEnded'), sid: z.string().max(64) }),
  /** A <video> showed up in this frame: inject the tracker into it (entrypoints/video-tracker). */
  z.object({ type: z.literal('startTracker') }),
  /** After a site was turned off: may this frame still capture? */
  z.object({ type: z.literal('watchStatus') }),
]);
export type ContentRequest = z.infer<typeof ContentRequest>;

export type BatchAck =
  | {
      ok: true;
      stored: { samples: number; events: number };
      duplicates: number;
      /** The user turned this site off: the content script stops after this batch. */
      unwatched?: true;
    }
  /** `invalid`: the batch cannot be stored, ever (it was set aside); sending it again is pointless. */
  | { ok: false; error: string; invalid?: true };

/**
 * History reads and deletions for extension pages, answered by the worker, the only context that opens
 * the database: the pages then carry neither the store nor zod (see utils/messaging/history-client.ts).
 */
const SessionIdWire = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
const epoch = z.number().finite().min(0);
export const HistoryRequest = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('listSessions'),
    options: z.strictObject({
      limit: z.number().int().min(1).max(500).optional(),
      before: z.object({ startedAt: epoch, id: SessionIdWire }).optional(),
      service: Service.optional(),
      host: z.string().max(255).optional(),
      from: epoch.optional(),
      to: epoch.optional(),
    }),
  }),
  z.object({ type: z.literal('getSession'), id: SessionIdWire }),
  /** The records of a session after the cursor of the part before (utils/messaging/session-parts.ts). */
  z.object({
    type: z.literal('getSessionPart'),
    id: SessionIdWire,
    after: z.strictObject({ samples: z.number().int().min(-1), events: z.number().int().min(-1) }),
  }),
  z.object({ type: z.literal('liveSessionOfTab'), tabId: z.number().int().min(0) }),
  z.object({ type: z.literal('storeStatus') }),
  z.object({ type: z.literal('deleteSession'), id: SessionIdWire }),
  z.object({ type: z.literal('deleteHost'), host: z.string().min(1).max(255) }),
  z.object({ type: z.literal('deleteAll') }),
  /** Cross-service comparison over the sessions that started in the last `days` days. */
  z.object({ type: z.literal('compareServices'), days: z.number().int().min(1).max(400) }),
]);
export type HistoryRequest = z.infer<typeof HistoryRequest>;

export const PageRequest = z.discriminatedUnion('type', [
  z.object({ type: z.literal('getLive'), tabId: z.number().int() }),
  z.object({ type: z.literal('status') }),
  ...HistoryRequest.options,
]);
export type PageRequest = z.infer<typeof PageRequest>;
