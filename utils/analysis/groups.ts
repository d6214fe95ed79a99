/**
 * One group per service key: each session read once (throughput, bitrate, serving host, confounders)
 * and the service's best-offered proxies (highest bitrate and height this history has seen).
 */
import type { Service } from '../schema/playback';
import {
  type Confounder,
  codecChange,
  type FoundConfounder,
  sessionFindings,
  summariseSessions,
} from './confounders';
import {
  cmcdTopKbps,
  maxPlayingHeight,
  type Point,
  type ServingHost,
  type SessionHistory,
  serviceKey,
  servingHost,
  sessionBitrate,
  sessionThroughput,
  type ThroughputSeries,
} from './history';
import { median } from './stats';

export interface Prepared {
  h: SessionHistory;
  throughput: ThroughputSeries;
  bitrate: Point[];
  host: ServingHost | null;
  found: FoundConfounder[];
}

export interface Group {
  key: string;
  service: Service;
  sessions: Prepared[];
  /** All sessions' points, in time order. */
  throughput: Point[];
  bitrate: Point[];
  bestKbps: number | null;
  /** 'cmcd': the player's own top bitrate (CMCD `tb`); 'seen': the highest bitrate that played. */
  bestSource: 'cmcd' | 'seen' | null;
  bestHeight: number;
}

export interface GroupOptions {
  minRequestBytes: number;
  includePreviews: boolean;
}

export interface SideMedians {
  throughputKbps: number | null;
  bitrateKbps: number | null;
  /** Achieved / best offered, 0–1. */
  bitrateShare: number | null;
}

const byTime = (x: Point, y: Point) => x.t - y.t;
const maxOf = (xs: readonly Point[]) =>
  xs.reduce<number | null>((m, p) => (m === null || p.v > m ? p.v : m), null);

export function buildGroups(history: readonly SessionHistory[], o: GroupOptions): Group[] {
  const raw = new Map<string, SessionHistory[]>();
  for (const h of history) {
    if (h.session.preview && !o.includePreviews) continue;
    const key = serviceKey(h.session);
    const list = raw.get(key);
    if (list) list.push(h);
    else raw.set(key, [h]);
  }
  return [...raw.keys()].sort().map((key) => {
    const members = (raw.get(key) ?? []).map((h) => ({
      h,
      throughput: sessionThroughput(h, o.minRequestBytes),
      bitrate: sessionBitrate(h),
      host: servingHost(h.events),
    }));
    const bitrate = members.flatMap((m) => m.bitrate).sort(byTime);
    const bestHeight = members.reduce((best, m) => Math.max(best, maxPlayingHeight(m.h.samples)), 0);
    const sessions = members.map((m) => ({
      ...m,
      found: sessionFindings(m.h, { bestHeight, throughput: m.throughput, bitrate: m.bitrate }),
    }));
    const seen = maxOf(bitrate);
    const told = members.reduce<number | null>((top, m) => {
      const tb = cmcdTopKbps(m.h.events);
      return tb !== null && (top === null || tb > top) ? tb : top;
    }, null);
    const byCmcd = told !== null && (seen === null || told >= seen);
    return {
      key,
      service: members[0]?.h.session.service ?? 'other',
      sessions,
      throughput: members.flatMap((m) => m.throughput.points).sort(byTime),
      bitrate,
      bestKbps: byCmcd ? told : seen,
      bestSource: byCmcd ? 'cmcd' : seen === null ? null : 'seen',
      bestHeight,
    };
  });
}

export function medians(tp: readonly Point[], br: readonly Point[], bestKbps: number | null): SideMedians {
  const bitrateKbps = median(br.map((p) => p.v));
  return {
    throughputKbps: median(tp.map((p) => p.v)),
    bitrateKbps,
    bitrateShare: bitrateKbps !== null && bestKbps ? bitrateKbps / bestKbps : null,
  };
}

/** The session-level findings of some of a group's sessions, plus codec changes among them. */
export function sideConfounders(g: Group, sessions: readonly Prepared[]): Confounder[] {
  const out = summariseSessions(
    g.key,
    sessions.flatMap((s) => s.found),
    sessions.length,
  );
  const codec = codecChange(
    g.key,
    sessions.map((s) => s.h),
  );
  return codec ? [...out, codec] : out;
}
