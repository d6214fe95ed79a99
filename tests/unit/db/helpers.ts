/** Builders and a fresh, isolated store per test (fake-indexeddb is loaded by tests/unit/setup.ts). */
import { deleteDB } from 'idb';
import { afterEach } from 'vitest';
import { type BatchSession, createHistoryStore, type HistoryStore } from '../../../utils/db';
import type { PlaybackEvent, Sample, SessionMeta } from '../../../utils/schema/playback';

export const NOW = Date.UTC(2025, 5, 15, 12, 0, 0);
export const DAY = 86_400_000;

/** A batch as a well-behaved content script builds it (the store takes it as unknown input). */
export interface TypedBatch {
  session: BatchSession;
  samples: Sample[];
  events: PlaybackEvent[];
}

let counter = 0;
const opened: { store: HistoryStore; name: string }[] = [];

export function freshName(): string {
  counter += 1;
  return `sw-test-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

export function openStore(name = freshName(), now = () => NOW): { store: HistoryStore; name: string } {
  const entry = { store: createHistoryStore({ name, now }), name };
  opened.push(entry);
  return entry;
}

afterEach(async () => {
  for (const { store, name } of opened.splice(0)) {
    store.close();
    await deleteDB(name);
  }
});

export const sid = (n: number) => `session-${String(n).padStart(4, '0')}`;

export function meta(
  id: string,
  over: Partial<SessionMeta & { tabId: number }> = {},
): SessionMeta & { tabId?: number } {
  return {
    id,
    pageHost: 'www.youtube.com',
    frameHost: 'www.youtube.com',
    service: 'youtube',
    startedAt: NOW - DAY,
    tzOffsetMin: 0,
    delivery: 'mse',
    preview: false,
    ...over,
  };
}

/** A 1 Hz playing sample at 1080p, 5000 kbps. */
export function sample(id: string, seq: number, over: Partial<Sample> = {}, t0 = NOW - DAY): Sample {
  return {
    sid: id,
    seq,
    t: t0 + seq * 1000,
    dt: seq === 0 ? 0 : 1000,
    state: 'playing',
    mt: seq,
    buf: 20,
    w: 1920,
    h: 1080,
    dw: 1920,
    dh: 1080,
    br: 5000,
    tp: 8000,
    df: 0,
    tf: 30,
    rate: 1,
    hidden: false,
    ...over,
  };
}

export function stall(id: string, seq: number, durationMs: number, t = NOW - DAY): PlaybackEvent {
  return {
    sid: id,
    seq,
    t,
    mt: 1,
    kind: 'stall',
    durationMs,
    bufferAhead: 0,
    cause: 'network',
    hidden: false,
  };
}

/** A batch of `n` samples starting at `from`, plus the given events. */
export function batch(
  id: string,
  from: number,
  n: number,
  events: PlaybackEvent[] = [],
  over: Partial<SessionMeta & { tabId: number }> = {},
): TypedBatch {
  const m = meta(id, over);
  return {
    session: m,
    samples: Array.from({ length: n }, (_, i) => sample(id, from + i, {}, m.startedAt)),
    events,
  };
}
