/**
 * MAIN-world probe → isolated content script. The page can forge any of this, so: the wire format is
 * a size-capped JSON string, every message is parsed with zod and clamped, and what it yields is only
 * ever used as page-reported measurement input, never as a command.
 */
import { z } from '../schema/zod-mini';
import type { ProbeMessage as WireMessage } from './probe-wire';

export { PROBE_EVENT } from './probe-wire';
export const MAX_PROBE_MESSAGE_CHARS = 1024;

const id = z.number().check(z.int(), z.minimum(0), z.maximum(1_000_000));
const mediaTime = z.number().check(z.minimum(0), z.maximum(1e7));

export const ProbeMessage = z.discriminatedUnion('k', [
  /** A MediaSource was given an object URL (how we tie it to a <video>). */
  z.object({ k: z.literal('ms'), ms: id, url: z.string().check(z.maxLength(300), z.startsWith('blob:')) }),
  z.object({ k: z.literal('sb'), ms: id, sb: id, mime: z.string().check(z.maxLength(200)) }),
  /** An append finished: bytes of media data and the media time span it covered. */
  z.object({
    k: z.literal('ap'),
    sb: id,
    bytes: z.number().check(z.int(), z.minimum(0), z.maximum(256 * 1024 * 1024)),
    start: mediaTime,
    end: mediaTime,
  }),
  z.object({ k: z.literal('rm'), sb: id, start: mediaTime, end: mediaTime }),
  z.object({ k: z.literal('ab'), sb: id }),
]);
export type ProbeMessage = z.infer<typeof ProbeMessage>;
// The probe's hand-written wire type and this parser must describe the same messages.
const _sameShape: [WireMessage, ProbeMessage] extends [ProbeMessage, WireMessage] ? true : never = true;
void _sameShape;

/** Returns null for anything that is not a well-formed, in-range probe message. Never throws. */
export function parseProbeMessage(detail: unknown): ProbeMessage | null {
  if (typeof detail !== 'string' || detail.length > MAX_PROBE_MESSAGE_CHARS) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(detail);
  } catch {
    return null;
  }
  const parsed = ProbeMessage.safeParse(raw);
  if (!parsed.success) return null;
  const m = parsed.data;
  if ((m.k === 'ap' || m.k === 'rm') && m.end < m.start) return null;
  return m;
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
