/**
 * Validation of a batch from a content script, before any transaction: the page is hostile, so every
 * record is parsed; a bad one is set aside for quarantine and the rest go on. Records are brought to
 * storage precision here, so the aggregates fold exactly the values a later read returns.
 */
import { PlaybackEvent, Sample } from '../schema/playback';
import type { Reason } from './chunks';
import { quarantineRow } from './quarantine';
import { normalizeRequest, requestRangeIssue } from './request-codec';
import { BatchSession, type QuarantineRow } from './rows';
import { normalizeSample, sampleRangeIssue } from './sample-codec';

/**
 * A batch as it arrives from a content script: nothing in it is trusted until prepareBatch has parsed
 * it record by record, so nothing in it is typed yet.
 */
export interface BatchInput {
  session: unknown;
  samples: readonly unknown[];
  events: readonly unknown[];
}

export interface PreparedBatch {
  session: BatchSession | null;
  /** Valid, at storage precision, unique by seq and sorted by it. */
  samples: Sample[];
  events: PlaybackEvent[];
  bad: QuarantineRow[];
  /** Repeats of a seq inside this same batch. */
  repeats: number;
}

const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const bySeq = (a: { seq: number }, b: { seq: number }) => a.seq - b.seq;

/** A valid record as stored: at storage precision, or the reason it cannot be stored exactly. */
const storableSample = (s: Sample): Sample | string => sampleRangeIssue(s) ?? normalizeSample(s);
const storableEvent = (e: PlaybackEvent): PlaybackEvent | string =>
  e.kind === 'request' ? (requestRangeIssue(e) ?? normalizeRequest(e)) : e;

/** Pure validation; nothing here touches the database. */
export function prepareBatch(input: BatchInput, now: number): PreparedBatch {
  const out: PreparedBatch = { session: null, samples: [], events: [], bad: [], repeats: 0 };
  const fps = new Set<string>();
  const reject = (row: QuarantineRow) => {
    if (fps.has(row.fp)) return;
    fps.add(row.fp);
    out.bad.push(row);
  };
  const session = BatchSession.safeParse(input?.session);
  if (session.success) out.session = session.data;
  else reject(quarantineRow('sessions', input?.session, session.error, now));
  const orphan = session.success ? null : 'batch session failed validation';

  const take = <T extends { sid: string; seq: number }>(
    kind: 'samples' | 'events',
    schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: Reason } },
    list: readonly unknown[],
    storable: (x: T) => T | string,
    into: T[],
  ) => {
    const seen = new Set<number>();
    for (const raw of list) {
      const parsed = schema.safeParse(raw);
      if (!parsed.success) reject(quarantineRow(kind, raw, parsed.error, now));
      else if (orphan) reject(quarantineRow(kind, raw, orphan, now));
      else if (parsed.data.sid !== out.session?.id)
        reject(quarantineRow(kind, raw, 'sid: not the batch session', now));
      else if (seen.has(parsed.data.seq)) out.repeats++;
      else {
        const kept = storable(parsed.data);
        if (typeof kept === 'string') reject(quarantineRow(kind, raw, kept, now));
        else {
          seen.add(parsed.data.seq);
          into.push(kept);
        }
      }
    }
    into.sort(bySeq);
  };
  take('samples', Sample, asArray(input?.samples), storableSample, out.samples);
  take('events', PlaybackEvent, asArray(input?.events), storableEvent, out.events);
  return out;
}
