/**
 * Totals over several evidence records, weighted by time the way the store's aggregates are, so a
 * ten-minute session does not count as much as a two-hour one. Pure: records in, numbers out.
 */
import type { Service } from '../schema/playback';
import type { SessionEvidence } from './schema';

/** Local hours [from, to) counted as the evening (an explicit, stated stand-in for prime time). */
export const EVENING_HOURS = [19, 23] as const;

export interface Totals {
  sessions: number;
  /** Distinct local calendar days with a session. */
  days: number;
  eveningSessions: number;
  watchMs: number;
  playingMs: number;
  stallCount: number;
  stallMs: number;
  rebufferFraction: number | null;
  meanBitrateKbps: number | null;
  meanThroughputKbps: number | null;
  share720: number | null;
  resolutionDrops: number;
  /** ISO start of the first session and ISO end (or start) of the last one. */
  first: string | null;
  last: string | null;
  serviceNames: string[];
  hosts: string[];
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

export function totalsOf(records: readonly SessionEvidence[]): Totals {
  let watchMs = 0;
  let playingMs = 0;
  let stallCount = 0;
  let stallMs = 0;
  let brSum = 0;
  let brMs = 0;
  let tpSum = 0;
  let tpMs = 0;
  let hd = 0;
  let drops = 0;
  let evening = 0;
  for (const r of records) {
    const m = r.summary;
    watchMs += m.watchMs;
    playingMs += m.playingMs;
    stallCount += m.stallCount;
    stallMs += m.stallMs;
    if (m.meanBitrateKbps !== null) {
      brSum += m.meanBitrateKbps * m.bitrateMeasuredMs;
      brMs += m.bitrateMeasuredMs;
    }
    if (m.meanThroughputKbps !== null) {
      tpSum += m.meanThroughputKbps * m.throughputMeasuredMs;
      tpMs += m.throughputMeasuredMs;
    }
    hd += m.hd720Ms;
    drops += m.resolutionDrops;
    const hour = Number(r.start.slice(11, 13));
    if (hour >= EVENING_HOURS[0] && hour < EVENING_HOURS[1]) evening += 1;
  }
  const sorted = [...records].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const lastRec = sorted.reduce<SessionEvidence | undefined>(
    (best, r) => (!best || Date.parse(r.end ?? r.start) > Date.parse(best.end ?? best.start) ? r : best),
    undefined,
  );
  return {
    sessions: records.length,
    days: new Set(records.map((r) => r.start.slice(0, 10))).size,
    eveningSessions: evening,
    watchMs,
    playingMs,
    stallCount,
    stallMs,
    rebufferFraction: ratio(stallMs, watchMs),
    meanBitrateKbps: ratio(brSum, brMs),
    meanThroughputKbps: ratio(tpSum, tpMs),
    share720: ratio(hd, playingMs),
    resolutionDrops: drops,
    first: sorted[0]?.start ?? null,
    last: lastRec ? (lastRec.end ?? lastRec.start) : null,
    serviceNames: [...new Set(sorted.map((r) => r.serviceName))],
    hosts: [...new Set(sorted.map((r) => r.pageHost))].sort(),
  };
}

export interface ServiceTotals {
  service: Service;
  serviceName: string;
  totals: Totals;
}

export function totalsByService(records: readonly SessionEvidence[]): ServiceTotals[] {
  const groups = new Map<Service, SessionEvidence[]>();
  for (const r of records) groups.set(r.service, [...(groups.get(r.service) ?? []), r]);
  return [...groups.entries()]
    .map(([service, rs]) => ({ service, serviceName: rs[0]?.serviceName ?? service, totals: totalsOf(rs) }))
    .sort((a, b) => b.totals.watchMs - a.totals.watchMs);
}

export interface DayTotals {
  day: string;
  totals: Totals;
}

/** Per local day (of each session's start), oldest first. */
export function totalsByDay(records: readonly SessionEvidence[]): DayTotals[] {
  const groups = new Map<string, SessionEvidence[]>();
  for (const r of records) {
    const day = r.start.slice(0, 10);
    groups.set(day, [...(groups.get(day) ?? []), r]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([day, rs]) => ({ day, totals: totalsOf(rs) }));
}

/** Stalls per hour of watching; null without watching time. */
export const stallsPerHour = (t: Totals) => (t.watchMs > 0 ? t.stallCount / (t.watchMs / 3_600_000) : null);
