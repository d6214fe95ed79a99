/**
 * Bounds on what a page can make capture record, where page-reported numbers and strings enter: the
 * probe's wire (utils/messaging/probe-wire.ts), the bitrate math (utils/metrics/bitrate.ts), the
 * tracker's samples and the stored shapes (playback.ts). Plain values and functions: the MAIN-world
 * probe uses cutCodec, so nothing here calls a method the page could replace.
 */

/** Longest codec string a session keeps (a real one, `video/mp4; codecs="avc1.640028"`, is ~35). */
export const MAX_CODEC_CHARS = 120;

/**
 * Shortest media span an append may claim and still give a rate. A real segment lasts at least a
 * frame (1/120 s is 8.3 ms at most frame rates in use); a forged 1e-9 s span would turn a few bytes
 * into petabits per second.
 */
export const MIN_APPEND_SPAN_S = 0.01;

/**
 * Highest rate (kbps) a video bitrate or a media throughput may be: 1 Gbit/s, far above any stream
 * (8K is under 100 Mbit/s). A value above it is not measured, it is ignored (null).
 */
export const MAX_PLAUSIBLE_KBPS = 1e6;

/** `kbps` if it is a rate we can believe, else null. */
export function plausibleKbps(kbps: number | null): number | null {
  return kbps !== null && Number.isFinite(kbps) && kbps >= 0 && kbps <= MAX_PLAUSIBLE_KBPS ? kbps : null;
}

/** Whether `bytes` over media seconds [start, end) can be a real append: long enough, rate plausible. */
export function plausibleSpan(bytes: number, start: number, end: number): boolean {
  const span = end - start;
  // A microsecond of slack: `start + 0.01 - start` is not always 0.01 in floating point.
  return span >= MIN_APPEND_SPAN_S - 1e-6 && (bytes * 8) / 1000 / span <= MAX_PLAUSIBLE_KBPS;
}

/** A MIME type character: token characters (RFC 9110), and `/ ; = " , ` space of types with parameters. */
function mimeChar(c: string): boolean {
  return (
    (c >= 'a' && c <= 'z') ||
    (c >= 'A' && c <= 'Z') ||
    (c >= '0' && c <= '9') ||
    c === '/' ||
    c === ';' ||
    c === '=' ||
    c === '"' ||
    c === ',' ||
    c === ' ' ||
    c === '.' ||
    c === '-' ||
    c === '+' ||
    c === '_' ||
    c === '!' ||
    c === '#' ||
    c === '$' ||
    c === '&' ||
    c === "'" ||
    c === '*' ||
    c === '^' ||
    c === '`' ||
    c === '|' ||
    c === '~' ||
    c === '%'
  );
}

/**
 * The codec string as a session may store it: MIME characters only, at most MAX_CODEC_CHARS. Written
 * with operators and indexing only (the MAIN-world probe runs it on the page's own strings).
 */
export function cutCodec(mime: string): string {
  let out = '';
  for (let i = 0; i < mime.length && out.length < MAX_CODEC_CHARS; i++) {
    const c = mime[i] as string;
    if (mimeChar(c)) out += c;
  }
  return out;
}
