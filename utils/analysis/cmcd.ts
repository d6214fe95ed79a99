/**
 * CMCD (CTA-5004) as players send it: the `CMCD=` query parameter or the CMCD-Object / -Request / -Status /
 * -Session headers, each a comma-separated list of key=value (strings quoted, true booleans bare).
 * Page-controlled input: never throws, reads at most MAX_PAYLOAD characters, keeps only known keys whose
 * values have the right type and size, and drops the rest. What it returns is page-reported.
 */

export const CMCD_OBJECT_TYPES = ['m', 'a', 'v', 'av', 'i', 'c', 'tt', 'k', 'o'] as const;
export const CMCD_FORMATS = ['d', 'h', 's', 'o'] as const;
export const CMCD_STREAM_TYPES = ['v', 'l'] as const;

export interface Cmcd {
  /** Encoded bitrate of the object, kbps. */
  br?: number;
  /** Buffer length, ms. */
  bl?: number;
  /** Buffer starvation since the last request. */
  bs?: boolean;
  /** Throughput the player measured, kbps. */
  mtp?: number;
  /** Top bitrate the player may choose, kbps. */
  tb?: number;
  /** Object duration, ms. */
  d?: number;
  ot?: (typeof CMCD_OBJECT_TYPES)[number];
  sf?: (typeof CMCD_FORMATS)[number];
  sid?: string;
  cid?: string;
  /** Startup: the object is needed urgently (start, seek, recovery). */
  su?: boolean;
  /** Playback rate (1 = real time). */
  pr?: number;
  /** Requested maximum throughput, kbps. */
  rtp?: number;
  /** Next object request (relative URL). */
  nor?: string;
  /** Next range request, "start-end". */
  nrr?: string;
  /** Deadline from request time until the buffer runs dry, ms. */
  dl?: number;
  st?: (typeof CMCD_STREAM_TYPES)[number];
  v?: number;
}

export const CMCD_HEADERS = ['cmcd-object', 'cmcd-request', 'cmcd-status', 'cmcd-session'] as const;

/** Longest payload or URL read; CMCD payloads are a few hundred characters. */
export const MAX_PAYLOAD = 4096;
const MAX_URL = 16_384;
const MAX_INT = 1e9;

type Raw = string | true;
type Reader = (raw: Raw) => Cmcd[keyof Cmcd] | undefined;

const int: Reader = (raw) =>
  typeof raw === 'string' && /^\d{1,10}$/.test(raw) && Number(raw) <= MAX_INT ? Number(raw) : undefined;
const bool: Reader = (raw) =>
  raw === true || raw === '?1' || raw === 'true' ? true : raw === '?0' || raw === 'false' ? false : undefined;
const decimal: Reader = (raw) => {
  if (typeof raw !== 'string' || !/^-?\d{1,6}(\.\d{1,6})?$/.test(raw)) return undefined;
  const n = Number(raw);
  return n >= -100 && n <= 100 ? n : undefined;
};
const oneOf =
  (allowed: readonly string[]): Reader =>
  (raw) =>
    typeof raw === 'string' && allowed.includes(raw) ? raw : undefined;
/** Printable ASCII only (structured-field strings are), and no longer than `max`. */
const text =
  (max: number): Reader =>
  (raw) =>
    typeof raw === 'string' && raw.length > 0 && raw.length <= max && /^[\x20-\x7e]*$/.test(raw)
      ? raw
      : undefined;

const READERS: Record<keyof Cmcd, Reader> = {
  br: int,
  bl: int,
  bs: bool,
  mtp: int,
  tb: int,
  d: int,
  ot: oneOf(CMCD_OBJECT_TYPES),
  sf: oneOf(CMCD_FORMATS),
  sid: text(64),
  cid: text(64),
  su: bool,
  pr: decimal,
  rtp: int,
  nor: text(512),
  nrr: (raw) => (typeof raw === 'string' && /^\d{0,15}-\d{0,15}$/.test(raw) && raw !== '-' ? raw : undefined),
  dl: int,
  st: oneOf(CMCD_STREAM_TYPES),
  v: int,
};

const isKey = (k: string): k is keyof Cmcd => Object.hasOwn(READERS, k);

/** Splits `k=v,k="quoted, with comma",flag` into pairs; a broken quote ends the scan. */
function* pairs(payload: string): Generator<[string, Raw]> {
  const s = payload.slice(0, MAX_PAYLOAD);
  let i = 0;
  while (i < s.length) {
    while (s[i] === ' ' || s[i] === ',') i++;
    const keyStart = i;
    while (i < s.length && s[i] !== '=' && s[i] !== ',') i++;
    const key = s.slice(keyStart, i).trim();
    if (s[i] !== '=') {
      if (key) yield [key, true];
      continue;
    }
    i++;
    if (s[i] === '"') {
      let value = '';
      i++;
      let closed = false;
      while (i < s.length) {
        const c = s[i];
        if (c === '\\' && i + 1 < s.length) {
          value += s[i + 1];
          i += 2;
        } else if (c === '"') {
          closed = true;
          i++;
          break;
        } else {
          value += c;
          i++;
        }
      }
      if (!closed) return;
      yield [key, value];
      while (i < s.length && s[i] !== ',') i++;
    } else {
      const valueStart = i;
      while (i < s.length && s[i] !== ',') i++;
      yield [key, s.slice(valueStart, i).trim()];
    }
  }
}

/** Parses one CMCD payload (the decoded query value or a header value). Unknown or invalid keys drop out. */
export function parseCmcdPayload(payload: unknown): Cmcd {
  const out: Record<string, unknown> = {};
  if (typeof payload !== 'string') return out;
  for (const [key, raw] of pairs(payload)) {
    if (!isKey(key)) continue;
    const value = READERS[key](raw);
    if (value !== undefined) out[key] = value;
  }
  return out as Cmcd;
}

/** The `CMCD` query parameter of a request URL (absolute or relative); null when there is none. */
export function parseCmcdFromUrl(url: unknown): Cmcd | null {
  if (typeof url !== 'string') return null;
  const s = url.slice(0, MAX_URL);
  const q = s.indexOf('?');
  if (q < 0) return null;
  const hash = s.indexOf('#', q);
  const value = new URLSearchParams(s.slice(q + 1, hash < 0 ? undefined : hash)).get('CMCD');
  return value === null ? null : parseCmcdPayload(value);
}

/** Merges the four CMCD-* headers (names matched case-insensitively); null when none is present. */
export function parseCmcdHeaders(
  headers: Iterable<readonly [string, string]> | Readonly<Record<string, string | undefined>>,
): Cmcd | null {
  let found = false;
  const out: Cmcd = {};
  let entries: Iterable<readonly [string, string | undefined]>;
  try {
    entries =
      Symbol.iterator in headers
        ? (headers as Iterable<readonly [string, string]>)
        : Object.entries(headers as Record<string, string | undefined>);
    let seen = 0;
    for (const [name, value] of entries) {
      if (++seen > 256) break;
      if (typeof name !== 'string' || !(CMCD_HEADERS as readonly string[]).includes(name.toLowerCase()))
        continue;
      found = true;
      Object.assign(out, parseCmcdPayload(value));
    }
  } catch {
    return found ? out : null;
  }
  return found ? out : null;
}
