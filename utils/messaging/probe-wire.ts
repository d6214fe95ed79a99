/**
 * The probe's side of the page → content channel: the event name, the batch shape and its limits,
 * with no parser (the probe runs in the page and must stay tiny; the content script parses).
 *
 * One event carries everything the probe saw in up to BATCH_MS, as JSON of three lists of tuples.
 * Within a batch, MediaSources come before SourceBuffers come before media operations, which is also
 * the order they can happen in (a SourceBuffer needs an open, hence URL-attached, MediaSource);
 * operations keep their own order.
 */
import { cutCodec, MAX_CODEC_CHARS } from '../schema/limits';

/** How long the probe gathers before it sends, and the most of each kind one batch may hold. */
export const BATCH_MS = 200;
export const MAX_BATCH_SOURCES = 8;
export const MAX_BATCH_BUFFERS = 16;
export const MAX_BATCH_OPS = 128;
/**
 * Longest object URL and mime type a batch carries (a blob URL is `blob:`, the origin and a UUID). The
 * mime type is the session's codec: cut here, where it enters, to what the session schema keeps.
 */
export const MAX_URL_CHARS = 300;
export const MAX_MIME_CHARS = MAX_CODEC_CHARS;
/** Characters of one batch's JSON: full lists of the longest strings (even escaped) and numbers fit. */
export const MAX_BATCH_CHARS = 32 * 1024;

/** A media operation on a SourceBuffer. */
export const OP_APPEND = 0;
export const OP_REMOVE = 1;

/** A MediaSource was given an object URL (how we tie it to a <video>). */
export type SourceRecord = [ms: number, url: string];
/** A SourceBuffer was added to a MediaSource, with the mime type the player asked for. */
export type BufferRecord = [ms: number, sb: number, mime: string];
/**
 * OP_APPEND: an append finished `ageMs` before the batch was sent, `bytes` of media data over media
 * seconds [start, end). OP_REMOVE: remove(start, end) was called; `bytes` is 0.
 */
export type OpRecord = [op: number, sb: number, bytes: number, start: number, end: number, ageMs: number];

export type ProbeBatch = [sources: SourceRecord[], buffers: BufferRecord[], ops: OpRecord[]];

/** The timer the batcher uses: the page's, as the probe found it at start. */
export interface BatchTimer {
  set(fn: () => void, ms: number): ReturnType<typeof setTimeout>;
  clear(t: ReturnType<typeof setTimeout> | undefined): void;
}

const defaultTimer: BatchTimer = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (t) => clearTimeout(t),
};

const { floor } = Math;

/**
 * JSON of the batch's nested lists of numbers and strings, written out by hand: JSON.stringify would
 * ask every list for `toJSON` and the page could answer (Array.prototype is the page's in the MAIN
 * world). Strings still go through JSON.stringify, which looks nothing up for a primitive.
 */
function toJson(v: unknown, quote: (s: string) => string): string {
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'number') return Number.isFinite(v) ? `${v}` : 'null';
  const list = v as unknown[];
  let s = '[';
  for (let i = 0; i < list.length; i++) s += (i ? ',' : '') + toJson(list[i], quote);
  return `${s}]`;
}

/** `list.push(x)` without asking the page's Array.prototype. */
function add<T>(list: T[], x: T): number {
  list[list.length] = x;
  return list.length;
}

/**
 * The probe's outbox: gathers records and hands each batch to `send` as JSON, BATCH_MS after the first
 * record, or at once when a list is full. Ops are stamped with `now()` and sent with their age. In the
 * MAIN world it uses no method the page could have replaced (the probe passes its own timer and clock).
 */
export class ProbeBatcher {
  #batch: ProbeBatch = [[], [], []];
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #quote = JSON.stringify as (s: string) => string;

  constructor(
    private readonly send: (json: string) => void,
    private readonly now: () => number = () => performance.now(),
    private readonly timer: BatchTimer = defaultTimer,
  ) {}

  /** A URL too long to pass the content script's parser is left out rather than spoil the batch. */
  source(ms: number, url: string): void {
    if (url.length > MAX_URL_CHARS) return;
    this.#queued(add(this.#batch[0], [ms, url]) >= MAX_BATCH_SOURCES);
  }

  buffer(ms: number, sb: number, mime: string): void {
    this.#queued(add(this.#batch[1], [ms, sb, cutCodec(mime)]) >= MAX_BATCH_BUFFERS);
  }

  append(sb: number, bytes: number, start: number, end: number): void {
    this.#queued(add(this.#batch[2], [OP_APPEND, sb, bytes, start, end, this.now()]) >= MAX_BATCH_OPS);
  }

  remove(sb: number, start: number, end: number): void {
    this.#queued(add(this.#batch[2], [OP_REMOVE, sb, 0, start, end, this.now()]) >= MAX_BATCH_OPS);
  }

  flush(): void {
    this.timer.clear(this.#timer);
    this.#timer = undefined;
    const out = this.#batch;
    this.#batch = [[], [], []];
    if (out[0].length + out[1].length + out[2].length === 0) return;
    // Until now an op's last field held when it happened; on the wire it is how long ago that was.
    const now = this.now();
    const ops = out[2];
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i] as OpRecord;
      const age = now - op[5];
      op[5] = age > 0 ? floor(age + 0.5) : 0;
    }
    this.send(toJson(out, this.#quote));
  }

  #queued(full: boolean): void {
    if (full) this.flush();
    else this.#timer ??= this.timer.set(() => this.flush(), BATCH_MS);
  }
}
