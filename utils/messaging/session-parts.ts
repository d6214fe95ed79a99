/**
 * One session's records, sent from the worker to a page in parts. A message is capped (Chrome refuses
 * one over 64 MiB of JSON, and a large one stalls both ends while it is serialised), and a session has
 * no length cap: a tab left on a live stream for days holds hundreds of thousands of samples. So the
 * worker answers with at most PART_RECORDS samples and events at a time, in seq order, with a cursor
 * for the rest; the client joins the parts (joinParts) before anyone sees the session. Pure: no IO.
 */
import type { SessionDetail, StoredSession } from '../db';
import type { PlaybackEvent, Sample } from '../schema/playback';

/**
 * Samples plus events per message. About 4 MB of JSON at the ~200 bytes a sample takes
 * (tests/unit/messaging/session-parts.test.ts measures it), so an hour at 1 Hz is one message.
 */
export const PART_RECORDS = 20_000;

/** The last seq of each kind already sent. */
export interface SessionPartAfter {
  samples: number;
  events: number;
}

export interface SessionPart {
  session: StoredSession;
  samples: Sample[];
  events: PlaybackEvent[];
  /** Present when more records follow: ask again with this. */
  next?: SessionPartAfter;
}

/** The records after `after` (all when null), up to `limit` in all, taken in seq order across kinds. */
export function partOf(
  detail: SessionDetail,
  after: SessionPartAfter | null,
  limit = PART_RECORDS,
): SessionPart {
  const samples = after ? detail.samples.filter((s) => s.seq > after.samples) : detail.samples;
  const events = after ? detail.events.filter((e) => e.seq > after.events) : detail.events;
  if (samples.length + events.length <= limit) return { session: detail.session, samples, events };
  // Both lists are sorted by seq: take from whichever is behind, so a part never skips past a record.
  let i = 0;
  let j = 0;
  while (i + j < limit) {
    const s = samples[i];
    const e = events[j];
    if (s && (!e || s.seq <= e.seq)) i++;
    else j++;
  }
  const lastSample = samples[i - 1]?.seq ?? after?.samples ?? -1;
  const lastEvent = events[j - 1]?.seq ?? after?.events ?? -1;
  return {
    session: detail.session,
    samples: samples.slice(0, i),
    events: events.slice(0, j),
    next: { samples: lastSample, events: lastEvent },
  };
}

/** Joins a session's parts, asking for each next one; null when the session is gone meanwhile. */
export async function joinParts(
  first: SessionPart | null,
  more: (after: SessionPartAfter) => Promise<SessionPart | null>,
): Promise<SessionDetail | null> {
  if (!first) return null;
  const samples = [...first.samples];
  const events = [...first.events];
  let next = first.next;
  while (next) {
    const part = await more(next);
    if (!part) return null;
    samples.push(...part.samples);
    events.push(...part.events);
    next = part.next;
  }
  return { session: first.session, samples, events };
}
