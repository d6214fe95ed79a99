/**
 * MAIN-world probe → isolated content script. The page can forge any of this, so: the wire format is
 * a size-capped JSON string, every batch is parsed with zod and clamped, and what it yields is only
 * ever used as page-reported measurement input, never as a command.
 *
 * The batch is tuples of numbers and two capped strings (probe-wire.ts): parsing it takes zod/mini's
 * array, tuple, number and string and a few checks, which keeps the content script small.
 */
import { z } from '../schema/zod-mini';
import {
  MAX_BATCH_BUFFERS,
  MAX_BATCH_CHARS,
  MAX_BATCH_OPS,
  MAX_BATCH_SOURCES,
  MAX_MIME_CHARS,
  MAX_URL_CHARS,
  OP_APPEND,
  OP_REMOVE,
  type ProbeBatch as WireBatch,
} from './probe-wire';

const id = z.number().check(z.int(), z.minimum(0), z.maximum(1_000_000));
const mediaTime = z.number().check(z.minimum(0), z.maximum(1e7));
const bytes = z.number().check(z.int(), z.minimum(0), z.maximum(256 * 1024 * 1024));
const ageMs = z.number().check(z.minimum(0), z.maximum(60_000));
/** OP_APPEND or OP_REMOVE. */
const op = z.number().check(z.int(), z.minimum(OP_APPEND), z.maximum(OP_REMOVE));

export const ProbeBatch = z.tuple([
  z
    .array(z.tuple([id, z.string().check(z.maxLength(MAX_URL_CHARS), z.startsWith('blob:'))]))
    .check(z.maxLength(MAX_BATCH_SOURCES)),
  z
    .array(z.tuple([id, id, z.string().check(z.maxLength(MAX_MIME_CHARS))]))
    .check(z.maxLength(MAX_BATCH_BUFFERS)),
  z.array(z.tuple([op, id, bytes, mediaTime, mediaTime, ageMs])).check(z.maxLength(MAX_BATCH_OPS)),
]);
export type ProbeBatch = z.infer<typeof ProbeBatch>;
// The probe's hand-written wire type and this parser must describe the same batches.
const _sameShape: [WireBatch, ProbeBatch] extends [ProbeBatch, WireBatch] ? true : never = true;
void _sameShape;

/** Returns null for anything that is not a well-formed, in-range probe batch. Never throws. */
export function parseProbeBatch(detail: unknown): ProbeBatch | null {
  if (typeof detail !== 'string' || detail.length > MAX_BATCH_CHARS) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(detail);
  } catch {
    return null;
  }
  const parsed = ProbeBatch.safeParse(raw);
  if (!parsed.success) return null;
  // A span that ends before it starts is a lie about the whole batch.
  if (parsed.data[2].some(([, , , start, end]) => end < start)) return null;
  return parsed.data;
}

/** Token bucket: a page flooding forged messages costs us a counter increment per message, no more. */
export class RateLimiter {
  private tokens: number;
  private last = 0;
  dropped = 0;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }

  allow(now: number): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) {
      this.dropped++;
      return false;
    }
    this.tokens -= 1;
    return true;
  }
}
