import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { sendJson } from './send-file';
import type { HeaderHandle, OriginName, RequestLogEntry, ServerState, ThrottleHandle } from './types';

const originSchema = z.enum(['a', 'b']);
const rateSchema = z.number().positive().nullable();
const stepSchema = z.object({
  durationMs: z.number().nonnegative(),
  bytesPerSecond: rateSchema,
  latencyMs: z.number().nonnegative().optional(),
});
const throttleBody = z.object({
  origin: originSchema,
  bytesPerSecond: rateSchema.optional(),
  latencyMs: z.number().nonnegative().optional(),
  schedule: z.array(stepSchema).optional(),
  clear: z.boolean().optional(),
});
const headersBody = z.object({
  origin: originSchema,
  cors: z.boolean().optional(),
  timingAllowOrigin: z.boolean().optional(),
});

/** What the control endpoint needs from the server; keeps this module free of server internals. */
export interface ControlTarget {
  throttle(origin: OriginName): ThrottleHandle;
  headers(origin: OriginName): HeaderHandle;
  state(): ServerState;
  logSince(id: number): RequestLogEntry[];
  clearLog(): void;
  reset(): void;
}

/**
 * /__control/* — lets test code and the demo page drive the server over HTTP:
 *   POST /__control/throttle {origin, bytesPerSecond?, latencyMs?, schedule?, clear?} → ThrottleState
 *   POST /__control/headers  {origin, cors?, timingAllowOrigin?}                       → HeaderPolicy
 *   GET  /__control/state                                                              → ServerState
 *   GET  /__control/log[?since=<id>]   DELETE /__control/log                           → RequestLogEntry[]
 *   POST /__control/reset                                                              → ServerState
 * Always CORS-open and never throttled, so a page on either origin can drive both.
 */
export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  target: ControlTarget,
): Promise<void> {
  res.setHeader('Access-Control-Allow-Origin', '*');
  const route = `${req.method ?? 'GET'} ${url.pathname}`;
  try {
    switch (route) {
      case 'OPTIONS /__control/throttle':
      case 'OPTIONS /__control/headers':
      case 'OPTIONS /__control/reset':
      case 'OPTIONS /__control/log':
        res.setHeader('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS');
        res.setHeader('Access-Control-Allow-Headers', 'Content-Type');
        res.writeHead(204).end();
        return;
      case 'POST /__control/throttle': {
        const body = throttleBody.parse(await readJson(req));
        const handle = target.throttle(body.origin);
        if (body.clear) handle.clear();
        if (body.schedule) handle.schedule(body.schedule);
        else if (body.bytesPerSecond !== undefined || body.latencyMs !== undefined) {
          handle.set({ bytesPerSecond: body.bytesPerSecond, latencyMs: body.latencyMs });
        }
        sendJson(res, 200, handle.state());
        return;
      }
      case 'POST /__control/headers': {
        const { origin, ...policy } = headersBody.parse(await readJson(req));
        sendJson(res, 200, target.headers(origin).set(dropUndefined(policy)));
        return;
      }
      case 'GET /__control/state':
        sendJson(res, 200, target.state());
        return;
      case 'GET /__control/log':
        sendJson(res, 200, target.logSince(Number(url.searchParams.get('since') ?? 0) || 0));
        return;
      case 'DELETE /__control/log':
        target.clearLog();
        sendJson(res, 200, []);
        return;
      case 'POST /__control/reset':
        target.reset();
        sendJson(res, 200, target.state());
        return;
      default:
        sendJson(res, 404, { error: `unknown control route ${route}` });
    }
  } catch (err) {
    const message = err instanceof z.ZodError ? z.prettifyError(err) : String(err);
    sendJson(res, 400, { error: message });
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  return text.trim() === '' ? {} : JSON.parse(text);
}

/** Object spread copies explicit undefineds; only keys that were actually sent may override the policy. */
function dropUndefined<T extends object>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>;
}
