/**
 * Which sites StreamWitness watches. The browser's granted host permissions are the only record: the
 * named services are the manifest's host_permissions, any other site is an optional host permission
 * the user turned on. Pure: the callers pass in what permissions.getAll() and the manifest say.
 */

/** The optional host permission that lets the user add any http(s) site, one host at a time. */
export const ANY_SITE = '*://*/*';

interface Pattern {
  scheme: string;
  host: string;
  path: string;
}

function parsePattern(p: string): Pattern | null {
  if (p === '<all_urls>') return { scheme: '*', host: '*', path: '/*' };
  const m = /^(\*|https?|wss?|file|ftp):\/\/(\*|\*\.[^/*]+|[^/*]*)(\/.*)$/.exec(p);
  return m ? { scheme: m[1] as string, host: (m[2] as string).toLowerCase(), path: m[3] as string } : null;
}

function hostMatches(patternHost: string, host: string): boolean {
  if (patternHost === '*') return true;
  if (patternHost.startsWith('*.')) {
    const d = patternHost.slice(2);
    return host === d || host.endsWith(`.${d}`);
  }
  return host === patternHost;
}

function globMatches(glob: string, text: string): boolean {
  const re = new RegExp(`^${glob.split('*').map(escapeRe).join('.*')}$`);
  return re.test(text);
}
const escapeRe = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/** Chrome's and Firefox's match-pattern rule for http(s) URLs (the port is ignored). */
export function patternMatchesUrl(pattern: string, url: string): boolean {
  const p = parsePattern(pattern);
  const u = httpUrl(url);
  if (!p || !u) return false;
  const scheme = u.protocol.slice(0, -1);
  if (p.scheme !== '*' && p.scheme !== scheme) return false;
  return hostMatches(p.host, u.hostname) && globMatches(p.path, u.pathname + u.search);
}

function httpUrl(url: string | undefined): URL | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
}

/** The pattern the popup asks for to watch the site of `url`: that host, http and https. */
export function sitePattern(url: string): string | null {
  const u = httpUrl(url);
  return u ? `*://${u.hostname}/*` : null;
}

/** The host a watched-site pattern names, for lists ('*.example.com' stays as it is). */
export function patternHost(pattern: string): string {
  return parsePattern(pattern)?.host ?? pattern;
}

/** Optional sites the user turned on: granted origins that the manifest does not require. */
export function watchedSites(granted: readonly string[], required: readonly string[]): string[] {
  const req = new Set(required);
  return [...new Set(granted.filter((o) => !req.has(o)))].sort();
}

export type SiteAccess =
  /** Not an http(s) page, or the browser did not tell us its address. */
  | { kind: 'unknown' }
  /** A named service. `granted` is false when the user took access away (Firefox lets them). */
  | { kind: 'default'; host: string; granted: boolean; request: string[] }
  /** Any other site: watched only while the user has it turned on. */
  | {
      kind: 'optional';
      host: string;
      granted: boolean;
      request: string[];
      /** The granted patterns to remove to stop watching; empty when one covers more than this site. */
      remove: string[];
      /** A granted pattern that covers other sites too (all sites, or '*.example.com'). */
      broad: string | null;
    };

export function siteAccess(
  url: string | undefined,
  granted: readonly string[],
  required: readonly string[],
): SiteAccess {
  const u = httpUrl(url);
  if (!u || !url) return { kind: 'unknown' };
  const host = u.hostname;
  const covering = granted.filter((o) => patternMatchesUrl(o, url));
  const defaults = required.filter((o) => patternMatchesUrl(o, url));
  if (defaults.length > 0) {
    return { kind: 'default', host, granted: covering.length > 0, request: defaults };
  }
  const own = covering.filter((o) => !required.includes(o));
  const broad = own.find((o) => parsePattern(o)?.host !== host) ?? null;
  return {
    kind: 'optional',
    host,
    granted: own.length > 0,
    request: [sitePattern(url) as string],
    remove: broad ? [] : own,
    broad,
  };
}
