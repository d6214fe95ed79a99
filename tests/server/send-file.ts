import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mimeType } from './files';
import { parseRange } from './range';
import type { OriginThrottle } from './throttle';
import type { RequestLogEntry } from './types';

const CHUNK = 64 * 1024;

export interface SendFileOptions {
  /** Throttled (media) responses: latency before headers, body paced by the origin's token bucket. */
  throttle: OriginThrottle | null;
  cacheControl: string;
  log: RequestLogEntry;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
}

/** Serves one file with Range support. Resolves once the response is finished or abandoned. */
export async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  opts: SendFileOptions,
): Promise<void> {
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) {
    sendText(res, 404, 'not found');
    return;
  }
  if (opts.throttle) {
    // A client that gives up during the latency (player timeout, seek) simply gets nothing.
    await opts.throttle.delay(opts.signal).catch(() => undefined);
    if (opts.signal.aborted) return;
  }

  const size = info.size;
  const range = parseRange(req.headers.range, size);
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('Cache-Control', opts.cacheControl);
  if (range.kind === 'unsatisfiable') {
    res.setHeader('Content-Range', `bytes */${size}`);
    sendText(res, 416, 'range not satisfiable');
    return;
  }
  const start = range.kind === 'range' ? range.start : 0;
  const end = range.kind === 'range' ? range.end : size - 1;
  res.setHeader('Content-Type', mimeType(path));
  res.setHeader('Content-Length', String(Math.max(0, end - start + 1)));
  if (range.kind === 'range') res.setHeader('Content-Range', `bytes ${start}-${end}/${size}`);
  res.statusCode = range.kind === 'range' ? 206 : 200;

  if (req.method === 'HEAD' || size === 0) {
    res.end();
    return;
  }
  res.flushHeaders();
  await streamBody(res, path, start, end, opts);
}

async function streamBody(
  res: ServerResponse,
  path: string,
  start: number,
  end: number,
  opts: SendFileOptions,
): Promise<void> {
  const done = opts.throttle?.track();
  try {
    const file = createReadStream(path, { start, end, highWaterMark: CHUNK, signal: opts.signal });
    for await (const chunk of file as AsyncIterable<Buffer>) {
      let offset = 0;
      while (offset < chunk.length) {
        const want = chunk.length - offset;
        // Re-asking the bucket per slice is what makes a rate change bite on in-flight responses.
        const n = opts.throttle ? await opts.throttle.acquire(want, opts.signal) : want;
        const flushed = res.write(chunk.subarray(offset, offset + n));
        offset += n;
        opts.log.bytes += n;
        // Respect backpressure so granted bytes leave now instead of piling up in Node's buffer.
        if (!flushed) await once(res, 'drain', { signal: opts.signal });
      }
    }
    res.end();
  } catch (err) {
    // The client went away mid-body (seek, abandoned segment, closed tab): nothing left to send.
    if (!opts.signal.aborted) throw err;
  } finally {
    done?.();
  }
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}
