/**
 * Validation of a batch from a content script, before any transaction: the page is hostile, so every
 * record is parsed; a bad one is set aside for quarantine and the rest go on. Records are brought to
 * storage precision here, so the aggregates fold exactly the values a later read returns.
 */
import { PlaybackEvent, Sample } from '../schema/playback';
import { quarantineRow } from './quarantine';
import { normalizeRequest, requestRangeIssue } from './request-codec';
import { BatchSession, type QuarantineRow } from './rows';
import { normalizeSample, sampleRangeIssue } from './sample-codec';

export interface BatchInput {
  session: BatchSession;
  samples: Sample[];
  events: PlaybackEvent[];
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
function storable<T extends Sample | PlaybackEvent>(kind: 'samples' | 'events', x: T): T | string {
  if (kind === 'samples') {
    const s = x as Sample;
    return (sampleRangeIssue(s) ?? normalizeSample(s)) as T | string;
  }
  const e = x as PlaybackEvent;
  if (e.kind !== 'request') return x;
  return (requestRangeIssue(e) ?? normalizeRequest(e)) as T | string;
}

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

  for (const [kind, schema, list, into] of [
    ['samples', Sample, asArray(input?.samples), out.samples],
    ['events', PlaybackEvent, asArray(input?.events), out.events],
  ] as const) {
    const seen = new Set<number>();
    for (const raw of list) {
      const parsed = schema.safeParse(raw);
      if (!parsed.success) reject(quarantineRow(kind, raw, parsed.error, now));
      else if (orphan) reject(quarantineRow(kind, raw, orphan, now));
      else if (parsed.data.sid !== out.session?.id)
        reject(quarantineRow(kind, raw, 'sid: not the batch session', now));
      else if (seen.has(parsed.data.seq)) out.repeats++;
      else {
        const kept = storable(kind, parsed.data);
        if (typeof kept === 'string') reject(quarantineRow(kind, raw, kept, now));
        else {
          seen.add(parsed.data.seq);
          (into as unknown[]).push(kept);
        }
      }
    }
    into.sort(bySeq);
  }
  return out;
}
