/**
 * Which services a letter is about and which it compares them with, decided once from the evidence file,
 * and how each service fared. Every sentence that names a service, a stall or a quality loss reads these
 * facts, so the letter cannot call a service a subject in one paragraph and a comparison in the next.
 */
import { serviceKey } from '../analysis/history';
import type { SessionEvidence } from '../evidence/schema';
import { stallsPerHour, type Totals, totalsOf } from '../evidence/totals';

/** Other services count as "at the same time" within this margin when the file does not state one. */
export const DEFAULT_MARGIN_MIN = 60;

/** 'clear': stalls ≥ 1 % of watching, ≥ 2 per hour, or < 50 % of time at 720p. 'none': no stall, drop or SD. */
export type Severity = 'clear' | 'minor' | 'none';
/** 'heavy': ≥ 1 % of watching time or ≥ 2 per hour. */
export type StallLevel = 'none' | 'some' | 'heavy';
/** 'low': under 50 % of playing time at 720p; 'some-loss': under 90 %, or the resolution dropped. */
export type PictureLevel = 'fine' | 'some-loss' | 'low';

export interface ServiceFacts {
  key: string;
  serviceName: string;
  totals: Totals;
  stalls: StallLevel;
  picture: PictureLevel;
  severity: Severity;
}

export function stallLevelOf(t: Totals): StallLevel {
  if (t.stallCount === 0) return 'none';
  return (t.rebufferFraction ?? 0) >= 0.01 || (stallsPerHour(t) ?? 0) >= 2 ? 'heavy' : 'some';
}

export function pictureLevelOf(t: Totals): PictureLevel {
  if (t.share720 !== null && t.share720 < 0.5) return 'low';
  return (t.share720 !== null && t.share720 < 0.9) || t.resolutionDrops > 0 ? 'some-loss' : 'fine';
}

export function severityOf(t: Totals): Severity {
  const stalls = stallLevelOf(t);
  const picture = pictureLevelOf(t);
  if (stalls === 'heavy' || picture === 'low') return 'clear';
  return stalls === 'none' && picture === 'fine' ? 'none' : 'minor';
}

const RANK: Record<Severity, number> = { none: 0, minor: 1, clear: 2 };
export const worst = (list: readonly Severity[]): Severity =>
  list.reduce<Severity>((a, b) => (RANK[b] > RANK[a] ? b : a), 'none');

function serviceFacts(sessions: readonly SessionEvidence[]): ServiceFacts[] {
  const groups = new Map<string, SessionEvidence[]>();
  for (const s of sessions) groups.set(serviceKey(s), [...(groups.get(serviceKey(s)) ?? []), s]);
  return [...groups.entries()]
    .map(([key, rs]) => {
      const totals = totalsOf(rs);
      return {
        key,
        serviceName: rs[0]?.serviceName ?? key,
        totals,
        stalls: stallLevelOf(totals),
        picture: pictureLevelOf(totals),
        severity: severityOf(totals),
      };
    })
    .sort((a, b) => b.totals.watchMs - a.totals.watchMs);
}

export interface Roles {
  /** Sessions the letter is about, oldest first. */
  subjects: SessionEvidence[];
  subjectServices: ServiceFacts[];
  /** Sessions of the other services within the margin of a subject session. */
  comparisons: SessionEvidence[];
  comparisonServices: ServiceFacts[];
  marginMin: number;
}

const endOf = (s: SessionEvidence) => Date.parse(s.end ?? s.start);

/**
 * The services the export was asked about (role 'subject') that had a problem are the letter's subjects;
 * when none had one, all of them are (and the letter says there was no problem). Every other service
 * played within the margin of a subject session is a comparison: one chosen with the subjects that played
 * well counts as a comparison, never as a second subject. A comparison never becomes a subject.
 */
export function lettersRoles(sessions: readonly SessionEvidence[], marginMin: number | null): Roles {
  const margin = marginMin ?? DEFAULT_MARGIN_MIN;
  const chosen = serviceFacts(sessions.filter((s) => s.role === 'subject'));
  const troubled = chosen.filter((s) => s.severity !== 'none');
  const subjectServices = troubled.length > 0 ? troubled : chosen;
  const keys = new Set(subjectServices.map((s) => s.key));
  const byStart = (a: SessionEvidence, b: SessionEvidence) => Date.parse(a.start) - Date.parse(b.start);
  const subjects = sessions.filter((s) => s.role === 'subject' && keys.has(serviceKey(s))).sort(byStart);
  const marginMs = margin * 60_000;
  const windows = subjects.map((s) => [Date.parse(s.start) - marginMs, endOf(s) + marginMs] as const);
  const comparisons = sessions
    .filter(
      (s) => !keys.has(serviceKey(s)) && windows.some(([a, b]) => Date.parse(s.start) <= b && endOf(s) >= a),
    )
    .sort(byStart);
  return {
    subjects,
    subjectServices,
    comparisons,
    comparisonServices: serviceFacts(comparisons),
    marginMin: margin,
  };
}
