/**
 * Confounders in a comparison. Each session's own come from the one rule set (utils/metrics/confounders);
 * what only a comparison can see is found here: a resolution cap against the service's best, codec
 * changes within a side, and differences between the sides. Thresholds come from the same table.
 * Language-free: kinds and figures out, words at the edges.
 */
import {
  COMPARISON_RULES,
  type ConfounderKind,
  type SessionConfounder,
  sessionConfounders,
} from '../metrics/confounders';
import {
  codecFamily,
  connectionOf,
  maxPlayingHeight,
  type Point,
  type SessionHistory,
  type ThroughputSeries,
} from './history';
import { median } from './stats';

export type { ConfounderKind } from '../metrics/confounders';

export interface FoundConfounder {
  kind: SessionConfounder['kind'] | 'resolution-cap';
  sid: string;
  value: number;
  threshold: number;
}

export interface Confounder {
  kind: ConfounderKind;
  /** The service key it concerns; absent when it is about the comparison itself. */
  side?: string;
  /** Sessions affected out of `of` (both 0 for comparison-level ones). */
  sessions: number;
  of: number;
  /** Comparison-level: what was measured against `threshold` (side-level: the largest session value). */
  value: number;
  threshold: number;
}

export interface SessionContext {
  /** Highest effective height the service has played in this history: the best-offered proxy. */
  bestHeight: number;
  throughput: ThroughputSeries;
  bitrate: readonly Point[];
}

/**
 * Ample throughput, yet the picture never climbed to what the service plays elsewhere: a cap set by the
 * app, the player size or the plan, not by the network (Wehe found app defaults explain low resolution).
 * The value is the headroom, median throughput / median bitrate.
 */
function resolutionCap(h: SessionHistory, ctx: SessionContext): number | null {
  const th = COMPARISON_RULES;
  const tp = median(ctx.throughput.points.map((p) => p.v));
  const br = median(ctx.bitrate.map((p) => p.v));
  const height = maxPlayingHeight(h.samples);
  const enough = ctx.bitrate.length >= th.capMinPoints && ctx.throughput.points.length >= th.capMinPoints;
  if (tp === null || br === null || !enough || !(tp > th.capHeadroom * br)) return null;
  return height > 0 && height < th.capHeightShare * ctx.bestHeight ? tp / br : null;
}

/** One session's findings: its own confounders (the shared rules) plus a cap against its service's best. */
export function sessionFindings(h: SessionHistory, ctx: SessionContext): FoundConfounder[] {
  const sid = h.session.id;
  const own = sessionConfounders({
    session: h.session,
    samples: h.samples,
    events: h.events,
    connection: connectionOf(h)?.type,
  }).map((c) => ({ ...c, sid }));
  const cap = resolutionCap(h, ctx);
  const capped =
    cap === null
      ? []
      : [{ kind: 'resolution-cap' as const, sid, value: cap, threshold: COMPARISON_RULES.capHeadroom }];
  return [...own, ...capped];
}

/** Folds per-session findings of one side into one entry per kind. */
export function summariseSessions(side: string, found: readonly FoundConfounder[], of: number): Confounder[] {
  const byKind = new Map<FoundConfounder['kind'], FoundConfounder[]>();
  for (const f of found) byKind.set(f.kind, [...(byKind.get(f.kind) ?? []), f]);
  return [...byKind].map(([kind, fs]) => ({
    kind,
    side,
    sessions: new Set(fs.map((f) => f.sid)).size,
    of,
    value: Math.max(...fs.map((f) => f.value)),
    threshold: fs[0]?.threshold ?? 0,
  }));
}

/** More than one codec family among a side's sessions: bitrates of different codecs do not compare. */
export function codecChange(side: string, sessions: readonly SessionHistory[]): Confounder | null {
  const families = new Set<string>();
  for (const h of sessions) {
    const f = codecFamily(h.session.codec);
    if (f) families.add(f);
  }
  if (families.size < 2) return null;
  const n = sessions.length;
  return { kind: 'codec-change', side, sessions: n, of: n, value: families.size, threshold: 2 };
}

/** Comparison-level: different lines or link types on the two sides. */
export function mixedConnections(sessions: readonly SessionHistory[]): Confounder | null {
  const labels = new Set<string>();
  for (const h of sessions) {
    const line = connectionOf(h);
    if (line) labels.add(`${line.type}|${line.network ?? ''}`);
  }
  if (labels.size < 2) return null;
  return { kind: 'mixed-connections', sessions: 0, of: 0, value: labels.size, threshold: 2 };
}

/** Comparison-level: per-request throughput grows with object size (TCP ramp-up, per-request latency). */
export function requestSizeGap(a: ThroughputSeries[], b: ThroughputSeries[]): Confounder | null {
  const ma = median(a.flatMap((s) => s.requestBytes));
  const mb = median(b.flatMap((s) => s.requestBytes));
  if (ma === null || mb === null || ma <= 0 || mb <= 0) return null;
  const r = Math.max(ma, mb) / Math.min(ma, mb);
  const threshold = COMPARISON_RULES.requestSizeRatio;
  return r > threshold ? { kind: 'request-size', sessions: 0, of: 0, value: r, threshold } : null;
}

/** Comparison-level: one side measured per request, the other from 1 Hz samples. */
export function sourceGap(a: ThroughputSeries[], b: ThroughputSeries[]): Confounder | null {
  const kinds = (xs: ThroughputSeries[]) => new Set(xs.filter((s) => s.points.length).map((s) => s.source));
  const ka = kinds(a);
  const kb = kinds(b);
  if (ka.size === 1 && kb.size === 1 && [...ka][0] === [...kb][0]) return null;
  return { kind: 'throughput-source', sessions: 0, of: 0, value: 1, threshold: 1 };
}
