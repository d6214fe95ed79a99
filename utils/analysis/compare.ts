/**
 * Cross-service comparison over the stored history, on one connection. Pure: the caller fetches sessions
 * (store `getSession`) and passes them in. Invariants: two services are compared only over the clock hours
 * in which both moved data; a verdict never hides its confounders; "best offered" is the highest bitrate
 * this history has seen for the service, a proxy. See docs/differentiation.md.
 */
import { share720 } from '../metrics/aggregate';
import type { Service } from '../schema/playback';
import type { Confounder, FoundConfounder } from './confounders';
import { buildGroups, type Group, medians, sideConfounders } from './groups';
import type { ServingHost, SessionHistory, ThroughputSeries } from './history';
import { comparePair, type PairReport } from './pair';
import { PRIME_TIME, type PrimeTimeSplit, type PrimeWindow, primeTimeSplit } from './prime-time';
import type { WeheOptions } from './wehe';

export type { Confounder, ConfounderKind } from './confounders';
export type { SideMedians } from './groups';
export type { ConnectionInfo, ConnectionType, ServingHost, SessionHistory } from './history';
export { servingHost } from './history';
export type { PairReport } from './pair';
export type { PrimeTimeSplit, PrimeWindow } from './prime-time';
export { PRIME_TIME } from './prime-time';
export type { Reason, Verdict, WeheOptions } from './wehe';

export interface CompareOptions {
  wehe?: WeheOptions;
  /** Sessions needed on each side within the shared hours: one session is one title on one CDN node. */
  minSessions?: number;
  /** Requests smaller than this do not count as throughput samples (their time is mostly latency). */
  minRequestBytes?: number;
  /** Autoplaying previews are left out unless this is set. */
  includePreviews?: boolean;
  primeTime?: PrimeWindow;
}

export const COMPARE_DEFAULTS = { minSessions: 2, minRequestBytes: 50_000 } as const;

export interface SessionSummary {
  id: string;
  key: string;
  startedAt: number;
  servingHost: ServingHost | null;
  throughputSource: ThroughputSeries['source'];
  confounders: FoundConfounder['kind'][];
  /** Share of playing time in HD (utils/metrics/resolution's isHd), as the detail view and the evidence. */
  share720: number | null;
}

export interface ServiceReport {
  /** The service, or `other:<page host>` for sites without their own service name. */
  key: string;
  service: Service;
  sessions: number;
  /** Best-offered proxy: the highest bitrate (kbps) seen for this service in the history given. */
  bestKbps: number | null;
  /** 'cmcd': the player's own top bitrate (CMCD `tb`); 'seen': the highest bitrate that played. */
  bestSource: 'cmcd' | 'seen' | null;
  bestHeight: number;
  throughput: { n: number; medianKbps: number | null };
  bitrate: { n: number; medianKbps: number | null; share: number | null };
  primeTime: PrimeTimeSplit;
  servingHosts: { host: string; sessions: number }[];
  confounders: Confounder[];
}

export interface CrossServiceReport {
  services: ServiceReport[];
  /** Every unordered pair of services, `a` before `b` alphabetically. */
  pairs: PairReport[];
  sessions: SessionSummary[];
}

function serviceReport(g: Group, window: PrimeWindow, wehe: WeheOptions): ServiceReport {
  const hosts = new Map<string, number>();
  for (const s of g.sessions) if (s.host) hosts.set(s.host.host, (hosts.get(s.host.host) ?? 0) + 1);
  const m = medians(g.throughput, g.bitrate, g.bestKbps);
  return {
    key: g.key,
    service: g.service,
    sessions: g.sessions.length,
    bestKbps: g.bestKbps,
    bestSource: g.bestSource,
    bestHeight: g.bestHeight,
    throughput: { n: g.throughput.length, medianKbps: m.throughputKbps },
    bitrate: { n: g.bitrate.length, medianKbps: m.bitrateKbps, share: m.bitrateShare },
    primeTime: primeTimeSplit(g.throughput, g.bitrate, g.bestKbps, window, wehe),
    servingHosts: [...hosts]
      .map(([host, sessions]) => ({ host, sessions }))
      .sort((x, y) => y.sessions - x.sessions || (x.host < y.host ? -1 : 1)),
    confounders: sideConfounders(g, g.sessions),
  };
}

/** Every service against every other over their shared hours, plus per-service prime-time splits. */
export function compareServices(
  history: readonly SessionHistory[],
  options: CompareOptions = {},
): CrossServiceReport {
  const wehe = options.wehe ?? {};
  const groups = buildGroups(history, {
    minRequestBytes: options.minRequestBytes ?? COMPARE_DEFAULTS.minRequestBytes,
    includePreviews: options.includePreviews ?? false,
  });
  const pairOptions = { wehe, minSessions: options.minSessions ?? COMPARE_DEFAULTS.minSessions };
  const pairs: PairReport[] = [];
  groups.forEach((A, i) => {
    for (const B of groups.slice(i + 1)) pairs.push(comparePair(A, B, pairOptions));
  });
  const sessions = groups.flatMap((g) =>
    g.sessions.map((s) => ({
      id: s.h.session.id,
      key: g.key,
      startedAt: s.h.session.startedAt,
      servingHost: s.host,
      throughputSource: s.throughput.source,
      confounders: [...new Set(s.found.map((f) => f.kind))],
      share720: share720(s.h.session.agg),
    })),
  );
  const window = options.primeTime ?? PRIME_TIME;
  return { services: groups.map((g) => serviceReport(g, window, wehe)), pairs, sessions };
}
