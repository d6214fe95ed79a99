/**
 * The comparison as it is shown and exported: per pair the verdict, its figures, reason codes and
 * confounder kinds; per service its medians, evening split, best offered and serving hosts. Language-free
 * and small (no samples, no English texts), so the worker can send it to the popup and the evidence file
 * can carry it, where the letter's figures can be checked. Shape: `Differentiation` in
 * utils/evidence/schema.ts.
 */
import type { CrossServiceReport } from './compare';
import type { ConfounderKind } from './confounders';
import type { ReasonCode, Verdict } from './wehe';
import { WEHE_DEFAULTS } from './wehe';

export interface PairSummary {
  /** Service keys: a service, or `other:<page host>`. */
  a: string;
  b: string;
  verdict: Verdict;
  slower: string | null;
  area: number | null;
  p: number | null;
  /** Throughput measurements in the shared hours, and the sessions they came from. */
  n: { a: number; b: number };
  sessions: { a: number; b: number };
  sharedHours: number;
  medianKbps: { a: number | null; b: number | null };
  reasons: ReasonCode[];
  confounders: ConfounderKind[];
  weakened: boolean;
}

export interface ServiceSummary {
  key: string;
  sessions: number;
  throughputKbps: number | null;
  bitrateKbps: number | null;
  /** Achieved / best offered, 0–1. */
  share: number | null;
  bestKbps: number | null;
  bestSource: 'cmcd' | 'seen' | null;
  /** Local evening window [fromHour, toHour) and the medians inside and outside it. */
  evening: {
    fromHour: number;
    toHour: number;
    throughputKbps: number | null;
    restKbps: number | null;
    /** Median achieved bitrate ÷ best offered, in the evenings and in the rest of the day. */
    share: number | null;
    restShare: number | null;
    verdict: Verdict;
  };
  servingHosts: { host: string; sessions: number }[];
}

export interface ComparisonSummary {
  method: 'wehe-area-ks';
  areaThreshold: number;
  pThreshold: number;
  minSamples: number;
  minSessions: number;
  pairs: PairSummary[];
  services: ServiceSummary[];
}

const finiteOrNull = (x: number | null | undefined) =>
  x === null || x === undefined || !Number.isFinite(x) ? null : x;

export function summarize(report: CrossServiceReport, minSessions = 2): ComparisonSummary {
  return {
    method: 'wehe-area-ks',
    areaThreshold: WEHE_DEFAULTS.areaThreshold,
    pThreshold: WEHE_DEFAULTS.pThreshold,
    minSamples: WEHE_DEFAULTS.minSamples,
    minSessions,
    pairs: report.pairs.map((p) => ({
      a: p.a,
      b: p.b,
      verdict: p.verdict,
      slower: p.slower,
      area: finiteOrNull(p.area),
      p: finiteOrNull(p.p),
      n: { a: p.n1, b: p.n2 },
      sessions: { a: p.sessions.a, b: p.sessions.b },
      sharedHours: p.sharedHours,
      medianKbps: {
        a: finiteOrNull(p.medians.a.throughputKbps),
        b: finiteOrNull(p.medians.b.throughputKbps),
      },
      reasons: [...new Set(p.reasons.map((r) => r.code))],
      confounders: [...new Set(p.confounders.map((c) => c.kind))],
      weakened: p.weakened,
    })),
    services: report.services.map((s) => ({
      key: s.key,
      sessions: s.sessions,
      throughputKbps: finiteOrNull(s.throughput.medianKbps),
      bitrateKbps: finiteOrNull(s.bitrate.medianKbps),
      share: finiteOrNull(s.bitrate.share),
      bestKbps: finiteOrNull(s.bestKbps),
      bestSource: s.bestSource,
      evening: {
        fromHour: s.primeTime.window.fromHour,
        toHour: s.primeTime.window.toHour,
        throughputKbps: finiteOrNull(s.primeTime.prime.throughput.medianKbps),
        restKbps: finiteOrNull(s.primeTime.offPeak.throughput.medianKbps),
        share: finiteOrNull(s.primeTime.prime.bitrate.share),
        restShare: finiteOrNull(s.primeTime.offPeak.bitrate.share),
        verdict: s.primeTime.test.verdict,
      },
      servingHosts: s.servingHosts.slice(0, 5),
    })),
  };
}
