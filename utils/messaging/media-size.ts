/**
 * A progressive file's total size, from the response headers the browser received for it: the worker
 * reads them (webRequest.onResponseStarted, read-only) and tells the frame that asked; the tracker divides
 * the size by the element's duration. The page never sees this channel, but the values come from a
 * server, so both ends bound them: a URL of at most MAX_MEDIA_URL_CHARS, a size of at most MAX_MEDIA_BYTES.
 */
export const MAX_MEDIA_URL_CHARS = 2048;
/** 1 TB: larger than any file a browser streams into a <video>, smaller than any float rounding. */
export const MAX_MEDIA_BYTES = 1e12;

export interface MediaSizeMessage {
  type: 'mediaSize';
  url: string;
  bytes: number;
}

/** What both browsers give for a response header in webRequest (binary values are not read). */
export type ResponseHeader = { name: string; value?: string };

const sizeOk = (n: number) => Number.isSafeInteger(n) && n > 0 && n <= MAX_MEDIA_BYTES;

/**
 * The whole resource's size: a range answer's `Content-Range: bytes a-b/total`, or a full answer's
 * `Content-Length`. Null when the total is unknown (`/*`), the body is compressed (its length is not
 * the file's), or the answer is neither 200 nor 206.
 */
export function totalSizeOf(
  statusCode: number,
  headers: readonly ResponseHeader[] | undefined,
): number | null {
  if (!headers) return null;
  const get = (name: string) =>
    headers.slice(0, 128).find((h) => typeof h.name === 'string' && h.name.toLowerCase() === name)?.value;
  if (statusCode === 206) {
    const m = /^\s*bytes\s+(?:\d+-\d+|\*)\/(\d{1,13})\s*$/i.exec(get('content-range') ?? '');
    const total = m ? Number(m[1]) : Number.NaN;
    return sizeOk(total) ? total : null;
  }
  if (statusCode !== 200) return null;
  const encoding = (get('content-encoding') ?? '').trim().toLowerCase();
  if (encoding !== '' && encoding !== 'identity') return null;
  const length = (get('content-length') ?? '').trim();
  const n = /^\d{1,13}$/.test(length) ? Number(length) : Number.NaN;
  return sizeOk(n) ? n : null;
}

/** The message as the tracker accepts it, or null. The URL is kept without its fragment, as requested. */
export function parseMediaSize(m: unknown): { url: string; bytes: number } | null {
  if (typeof m !== 'object' || m === null || (m as { type?: unknown }).type !== 'mediaSize') return null;
  const { url, bytes } = m as { url?: unknown; bytes?: unknown };
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_MEDIA_URL_CHARS) return null;
  if (typeof bytes !== 'number' || !sizeOk(bytes)) return null;
  return { url: withoutFragment(url), bytes };
}

/** A media element's currentSrc keeps `#t=…`; the request the browser makes does not. */
export function withoutFragment(url: string): string {
  const i = url.indexOf('#');
  return i < 0 ? url : url.slice(0, i);
}
