import type { Service } from '../schema/playback';
import { disney } from './disney';
import { hulu } from './hulu';
import { max } from './max';
import { netflix } from './netflix';
import { prime } from './prime';
import type { Site } from './site';
import { twitch } from './twitch';
import { youtube } from './youtube';

export type { Site } from './site';
export const SITES: readonly Site[] = [netflix, youtube, twitch, prime, disney, max, hulu];

/** Fails safe: anything unrecognised, malformed or empty is 'other'. */
export function recogniseService(host: string): Service {
  const h = host.toLowerCase().replace(/\.$/, '');
  for (const site of SITES) {
    if (site.hosts.some((d) => h === d || h.endsWith(`.${d}`))) return site.id;
  }
  return 'other';
}

export function serviceName(service: Service): string {
  return SITES.find((s) => s.id === service)?.name ?? 'Other';
}

/** Match patterns for the default host permissions: `*.d` covers the domain itself and its subdomains. */
export function defaultMatchPatterns(): string[] {
  return SITES.flatMap((s) => s.hosts.map((d) => `*://*.${d}/*`));
}
