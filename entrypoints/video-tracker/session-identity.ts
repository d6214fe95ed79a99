import type { Service } from '@/utils/schema/playback';
import { recogniseService } from '@/utils/sites';

export interface PageIdentity {
  frameHost: string;
  pageHost: string;
  service: Service;
}

/**
 * Hostnames only: never the path or query. Inside a cross-origin iframe the top page's host comes
 * from ancestorOrigins where the browser has it; the worker fills it from the tab otherwise.
 */
export function pageIdentity(loc: Location = location): PageIdentity {
  const frameHost = loc.hostname || 'unknown';
  let pageHost = frameHost;
  try {
    if (window.top !== window) {
      const ancestors = loc.ancestorOrigins;
      const top = ancestors && ancestors.length > 0 ? ancestors[ancestors.length - 1] : undefined;
      pageHost = top ? new URL(top).hostname : '';
    }
  } catch {
    pageHost = '';
  }
  const byPage = pageHost ? recogniseService(pageHost) : 'other';
  return { frameHost, pageHost, service: byPage !== 'other' ? byPage : recogniseService(frameHost) };
}

export function newSessionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** Minutes east of UTC, the sign users and ISO 8601 expect (+60 for Paris in winter). */
export function tzOffsetMinutes(at: Date): number {
  return -at.getTimezoneOffset();
}

type ConnectionType = NonNullable<import('@/utils/schema/playback').SessionMeta['connection']>;

/** navigator.connection.type mapped to what the analysis knows; undefined where the browser hides it. */
export function connectionType(nav: Navigator = navigator): ConnectionType | undefined {
  const type = (nav as Navigator & { connection?: { type?: unknown } }).connection?.type;
  if (typeof type !== 'string') return undefined;
  if (type === 'ethernet' || type === 'wifi' || type === 'cellular' || type === 'unknown') return type;
  return type === 'wimax' ? 'cellular' : 'other';
}
