import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo, createServer as createNetServer, type Server as NetServer } from 'node:net';
import { resolve } from 'node:path';
import { type ControlTarget, handleControl } from './control';
import { DEFAULT_MEDIA_DIR, LIB_FILES, resolveUnder, STATIC_ROOTS } from './files';
import { OriginHeaders } from './header-policy';
import { RequestLog } from './request-log';
import { sendFile, sendText } from './send-file';
import { OriginThrottle } from './throttle';
import {
  ORIGIN_NAMES,
  type OriginName,
  type ServerState,
  type StreamServer,
  type StreamServerOptions,
} from './types';

export type * from './types';
export { ORIGIN_NAMES } from './types';

interface Origin {
  name: OriginName;
  server: Server;
  /** Best-effort ::1 mirror so "localhost" works even if a client resolves it to IPv6 first. */
  v6: NetServer | null;
  throttle: OriginThrottle;
  headers: OriginHeaders;
  base: string;
}

/**
 * Starts two origins serving the same routes (see README.md): media with Range support under /media/,
 * the player libraries under /lib/, test pages under /players/, /pages/, /demo/, and /__control/.
 */
export async function startStreamServer(opts: StreamServerOptions = {}): Promise<StreamServer> {
  const mediaDir = resolve(opts.mediaDir ?? DEFAULT_MEDIA_DIR);
  const log = new RequestLog();
  const origins = {} as Record<OriginName, Origin>;

  const target: ControlTarget = {
    throttle: (o) => origins[o].throttle,
    headers: (o) => origins[o].headers,
    state: () => state(),
    logSince: (id) => log.since(id),
    clearLog: () => log.clear(),
    reset: () => reset(),
  };

  const handler = (origin: Origin) => (req: IncomingMessage, res: ServerResponse) => {
    route(origin, req, res).catch((err: unknown) => {
      if (!res.headersSent) sendText(res, 500, String(err));
      else res.destroy();
    });
  };

  async function route(origin: Origin, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin.base);
    if (url.pathname.startsWith('/__control/')) {
      await handleControl(req, res, url, target);
      return;
    }
    const entry = log.begin(
      origin.name,
      req.method ?? 'GET',
      url.pathname + url.search,
      req.headers.range ?? null,
      cmcdHeaders(req),
    );
    const abort = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) abort.abort();
      // 0 = the client left before any status was sent (e.g. during the configured latency).
      entry.status = res.headersSent ? res.statusCode : 0;
      log.finish(entry, !res.writableFinished);
    });
    const writeHead = res.writeHead.bind(res);
    // Wrapped (rather than hooked on 'finish') because latency puts real time between arrival and headers.
    res.writeHead = ((...args: Parameters<typeof res.writeHead>) => {
      entry.headersAt = Date.now();
      return writeHead(...args);
    }) as typeof res.writeHead;

    if (req.method === 'OPTIONS') {
      origin.headers.preflight(res);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'method not allowed');
      return;
    }
    origin.headers.apply(res);

    const [, prefix = '', ...rest] = url.pathname.split('/');
    const remainder = rest.join('/');
    if (url.pathname === '/') {
      res.writeHead(302, { Location: '/demo/' }).end();
      return;
    }
    if (url.pathname === '/favicon.ico') {
      // Browsers ask on every page load; answering keeps 404 noise out of test consoles.
      res.writeHead(204).end();
      return;
    }
    if (prefix === 'media') {
      const file = resolveUnder(mediaDir, remainder);
      // Only media is throttled: it is what a real bottleneck would starve, while throttling the player
      // libraries would merely slow page setup and blur startup measurements.
      if (file)
        await sendFile(req, res, file, {
          throttle: origin.throttle,
          cacheControl: 'no-store',
          log: entry,
          signal: abort.signal,
        });
      else sendText(res, 404, 'not found');
      return;
    }
    const root = STATIC_ROOTS.get(prefix);
    const file = prefix === 'lib' ? LIB_FILES.get(remainder) : root ? resolveUnder(root, remainder) : null;
    if (!file) {
      sendText(res, 404, 'not found');
      return;
    }
    if (root && remainder === '' && !url.pathname.endsWith('/')) {
      // "/demo" → "/demo/" so the page's relative URLs resolve inside its folder.
      res.writeHead(301, { Location: `${url.pathname}/${url.search}` }).end();
      return;
    }
    await sendFile(req, res, file, {
      throttle: null,
      cacheControl: 'no-cache',
      log: entry,
      signal: abort.signal,
    });
  }

  function state(): ServerState {
    return {
      origins: { a: origins.a.base, b: origins.b.base },
      a: { throttle: origins.a.throttle.state(), headers: origins.a.headers.state() },
      b: { throttle: origins.b.throttle.state(), headers: origins.b.headers.state() },
    };
  }

  function reset(): void {
    for (const o of ORIGIN_NAMES) {
      origins[o].throttle.clear();
      origins[o].headers.reset();
    }
    log.clear();
  }

  const ports: Record<OriginName, number> = { a: opts.portA ?? 0, b: opts.portB ?? 0 };
  for (const name of ORIGIN_NAMES) {
    const origin: Origin = {
      name,
      server: createServer(),
      v6: null,
      throttle: new OriginThrottle(),
      headers: new OriginHeaders(),
      base: '',
    };
    origin.server.on('request', handler(origin));
    const port = await listen(origin.server, ports[name]);
    origin.base = `http://${name === 'a' ? '127.0.0.1' : 'localhost'}:${port}`;
    if (name === 'b') origin.v6 = await mirrorOnIpv6(origin.server, port);
    origins[name] = origin;
  }

  return {
    origins: { a: origins.a.base, b: origins.b.base },
    mediaDir,
    url: (origin, path) => `${origins[origin].base}${path.startsWith('/') ? '' : '/'}${path}`,
    throttle: (origin) => origins[origin].throttle,
    headers: (origin) => origins[origin].headers,
    requests: log.entries,
    clearLog: () => log.clear(),
    state,
    reset,
    close: async () => {
      for (const o of ORIGIN_NAMES) {
        const { server, v6, throttle } = origins[o];
        throttle.dispose();
        v6?.close();
        server.closeAllConnections();
        await new Promise<void>((done) => server.close(() => done()));
      }
    },
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', fail);
      done((server.address() as AddressInfo).port);
    });
  });
}

/** Hands ::1 connections on the same port to the HTTP server; silently skipped where IPv6 is unavailable. */
function mirrorOnIpv6(server: Server, port: number): Promise<NetServer | null> {
  return new Promise((done) => {
    const v6 = createNetServer((socket) => server.emit('connection', socket));
    v6.once('error', () => done(null));
    v6.listen(port, '::1', () => done(v6));
  });
}

/** The CMCD-* request header values, joined (ground truth for CMCD in header mode), or null. */
function cmcdHeaders(req: IncomingMessage): string | null {
  const values = Object.entries(req.headers)
    .filter(([name]) => name.startsWith('cmcd-'))
    .map(([, v]) => (Array.isArray(v) ? v.join(',') : (v ?? '')));
  return values.length > 0 ? values.join(',') : null;
}
