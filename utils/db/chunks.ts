/**
 * Chunked stores (samples, media requests): consecutive records of one session in one row keyed
 * [sid, first seq]. Invariant: the chunks of a session cover disjoint seq ranges [seq, last], so the chunks
 * that could hold any seq of a batch are found by one short backwards walk. New records merge into the
 * chunk just before them until it holds `max`, so a session costs one row per few minutes rather than one
 * per 3-second batch; a resent batch finds every seq already covered and writes nothing.
 */

import type { Sample } from '../schema/playback';
import { decodeRequests, encodeRequests, type RequestEvent } from './request-codec';
import { ChunkRow } from './rows';
import { decodeSamples, encodeSamples } from './sample-codec';

export interface ChunkCodec<T extends { seq: number; t: number }> {
  /** Records per chunk: a 1 Hz session fills a sample chunk in five minutes. */
  max: number;
  encode(items: readonly T[]): Uint8Array;
  decode(sid: string, bytes: Uint8Array): T[];
}

export const SAMPLE_CHUNKS: ChunkCodec<Sample> = { max: 300, encode: encodeSamples, decode: decodeSamples };
export const REQUEST_CHUNKS: ChunkCodec<RequestEvent> = {
  max: 300,
  encode: encodeRequests,
  decode: decodeRequests,
};

/** What this module needs of either chunk store, in any transaction mode. */
interface ChunkCursor {
  readonly value: unknown;
  readonly primaryKey: IDBValidKey;
  continue(): Promise<ChunkCursor | null>;
}
interface ChunkStore {
  openCursor(range: IDBKeyRange, direction: IDBCursorDirection): Promise<ChunkCursor | null>;
  getAllKeys(range: IDBKeyRange): Promise<IDBValidKey[]>;
  getAll(range: IDBKeyRange): Promise<unknown[]>;
}

/** A reason a stored row is not usable: a zod error or words. */
export type Reason = { issues: readonly { path: readonly PropertyKey[]; message: string }[] } | string;

export interface Chunk<T> {
  row: ChunkRow;
  items: T[];
}
export interface BadRow {
  key: IDBValidKey;
  raw: unknown;
  reason: Reason;
}

/** The row for records of one session, sorted by seq and non-empty. */
export function toRow<T extends { seq: number; t: number }>(
  codec: ChunkCodec<T>,
  sid: string,
  items: readonly T[],
): ChunkRow {
  let t = Number.POSITIVE_INFINITY;
  let u = Number.NEGATIVE_INFINITY;
  for (const x of items) {
    t = Math.min(t, x.t);
    u = Math.max(u, x.t);
  }
  const first = items[0];
  const last = items.at(-1);
  if (!first || !last) throw new Error('a chunk holds at least one record');
  return { sid, seq: first.seq, last: last.seq, n: items.length, t, u, b: codec.encode(items) };
}

/** Parses and decodes a stored row; any failure (shape, bytes, or header vs records) is a reason. */
export function readChunk<T extends { seq: number; t: number }>(
  codec: ChunkCodec<T>,
  raw: unknown,
): { ok: true; chunk: Chunk<T> } | { ok: false; reason: Reason } {
  const p = ChunkRow.safeParse(raw);
  if (!p.success) return { ok: false, reason: p.error };
  const row = p.data;
  let items: T[];
  try {
    items = codec.decode(row.sid, row.b);
  } catch (err) {
    return { ok: false, reason: `b: ${err instanceof Error ? err.message : String(err)}` };
  }
  const t = Math.min(...items.map((x) => x.t));
  const u = Math.max(...items.map((x) => x.t));
  const ok =
    items.length === row.n &&
    items[0]?.seq === row.seq &&
    items.at(-1)?.seq === row.last &&
    t === row.t &&
    u === row.u;
  return ok
    ? { ok: true, chunk: { row, items } }
    : { ok: false, reason: 'chunk: header does not match its records' };
}

/** Every chunk of `sid` whose seqs could meet [lo, hi], ascending, plus the one just before lo. */
export async function chunksAround<T extends { seq: number; t: number }>(
  store: ChunkStore,
  codec: ChunkCodec<T>,
  sid: string,
  lo: number,
  hi: number,
): Promise<{ chunks: Chunk<T>[]; bad: BadRow[] }> {
  const chunks: Chunk<T>[] = [];
  const bad: BadRow[] = [];
  const range = IDBKeyRange.bound([sid, 0], [sid, hi]);
  for (let c = await store.openCursor(range, 'prev'); c; c = await c.continue()) {
    const r = readChunk(codec, c.value);
    if (!r.ok) {
      bad.push({ key: c.primaryKey, raw: c.value, reason: r.reason });
      continue;
    }
    chunks.unshift(r.chunk);
    // Disjoint ranges: every chunk further back ends before this one starts.
    if (r.chunk.row.last < lo) break;
  }
  return { chunks, bad };
}

/**
 * Record lists to (re)write as chunks so that `fresh` (sorted, none already stored) is kept: each run of
 * fresh records joins the chunk before it, and whatever exceeds `max` starts new chunks. A rewritten chunk
 * keeps its first seq, so its key; an unchanged one is not returned.
 */
export function planChunks<T extends { seq: number }>(
  chunks: readonly Chunk<T>[],
  fresh: readonly T[],
  max: number,
): T[][] {
  const groups = new Map<number, T[]>();
  let j = 0;
  for (const x of fresh) {
    while (j < chunks.length && (chunks[j] as Chunk<T>).row.seq <= x.seq) j++;
    const g = groups.get(j - 1);
    if (g) g.push(x);
    else groups.set(j - 1, [x]);
  }
  const out: T[][] = [];
  for (const [k, items] of groups) {
    const pred = chunks[k];
    const all = pred ? [...pred.items, ...items].sort((a, b) => a.seq - b.seq) : items;
    for (let i = 0; i < all.length; i += max) {
      const piece = all.slice(i, i + max);
      const unchanged = pred && i === 0 && piece.length === pred.row.n && piece.at(-1)?.seq === pred.row.last;
      if (!unchanged) out.push(piece);
    }
  }
  return out;
}

/** All chunks of one session, ascending; rows that do not decode are returned apart. */
export async function sessionChunks<T extends { seq: number; t: number }>(
  store: ChunkStore,
  codec: ChunkCodec<T>,
  range: IDBKeyRange,
): Promise<{ items: T[]; bad: BadRow[] }> {
  const [keys, values] = await Promise.all([store.getAllKeys(range), store.getAll(range)]);
  const items: T[] = [];
  const bad: BadRow[] = [];
  keys.forEach((key, i) => {
    const r = readChunk(codec, values[i]);
    if (r.ok) items.push(...r.chunk.items);
    else bad.push({ key, raw: values[i], reason: r.reason });
  });
  return { items, bad };
}
