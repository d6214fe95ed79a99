/**
 * The language-free facts a complaint states, all taken from the sealed evidence file it attaches, so
 * every figure in the letter can be found in the attachment. Also a plain verdict on what the data
 * shows, so the page can warn before someone complains about data that shows no problem.
 */
import type { EvidenceNames } from '../names';
import type { EvidenceFile, SessionEvidence } from '../schema';
import { stallsPerHour, type Totals, totalsByService, totalsOf } from '../totals';

/** How many subject sessions a letter lists one by one; the rest are in the attachments. */
export const MAX_LISTED_SESSIONS = 12;

/** 'clear': stalls ≥ 1 % of watching, ≥ 2 per hour, or < 50 % of time at 720p. 'none': no stall, drop or SD. */
export type Severity = 'clear' | 'minor' | 'none';
/** How other services fared in the same windows: 'better' when they stalled far less or were far sharper. */
export type Contrast = 'better' | 'similar' | 'none';

export interface ConfounderCount {
  code: SessionEvidence['confounders'][number]['code'];
  sessions: number;
}

export interface ComplaintFacts {
  subject: Totals;
  /** Subject sessions to list (chronological), and how many were left out of the list. */
  listed: SessionEvidence[];
  unlisted: number;
  comparison: { serviceName: string; totals: Totals }[];
  comparisonMarginMin: number | null;
  confounders: ConfounderCount[];
  severity: Severity;
  contrast: Contrast;
  isp: string | null;
  planDownKbps: number | null;
  country: string | null;
  digest: string;
  attachments: string[];
  generator: EvidenceFile['generator'];
  generatedAt: string;
}

export function severityOf(t: Totals): Severity {
  const perHour = stallsPerHour(t) ?? 0;
  if ((t.rebufferFraction ?? 0) >= 0.01 || perHour >= 2 || (t.share720 !== null && t.share720 < 0.5)) {
    return 'clear';
  }
  if (t.stallCount === 0 && t.resolutionDrops === 0 && (t.share720 === null || t.share720 >= 0.9))
    return 'none';
  return 'minor';
}

export function contrastOf(subject: Totals, others: Totals | null): Contrast {
  if (!others || others.watchMs === 0) return 'none';
  const fewerStalls =
    (others.rebufferFraction ?? 0) <= (subject.rebufferFraction ?? 0) * 0.5 && subject.stallCount > 0;
  const sharper =
    others.share720 !== null && subject.share720 !== null && others.share720 >= subject.share720 + 0.25;
  return fewerStalls || sharper ? 'better' : 'similar';
}

function pickListed(subjects: SessionEvidence[]): SessionEvidence[] {
  if (subjects.length <= MAX_LISTED_SESSIONS) return subjects;
  const worst = new Set(
    [...subjects].sort((a, b) => b.summary.stallMs - a.summary.stallMs).slice(0, MAX_LISTED_SESSIONS),
  );
  return subjects.filter((s) => worst.has(s));
}

export function complaintFacts(file: EvidenceFile, names: EvidenceNames): ComplaintFacts {
  const byStart = (a: SessionEvidence, b: SessionEvidence) => Date.parse(a.start) - Date.parse(b.start);
  const subjects = file.sessions.filter((s) => s.role === 'subject').sort(byStart);
  const others = file.sessions.filter((s) => s.role === 'comparison');
  const subject = totalsOf(subjects);
  const listed = pickListed(subjects);
  const counts = new Map<ConfounderCount['code'], number>();
  for (const s of subjects) for (const c of s.confounders) counts.set(c.code, (counts.get(c.code) ?? 0) + 1);
  return {
    subject,
    listed,
    unlisted: subjects.length - listed.length,
    comparison: totalsByService(others).map((g) => ({ serviceName: g.serviceName, totals: g.totals })),
    comparisonMarginMin: file.scope.comparisonMarginMin,
    confounders: [...counts.entries()].map(([code, sessions]) => ({ code, sessions })),
    severity: severityOf(subject),
    contrast: contrastOf(subject, others.length > 0 ? totalsOf(others) : null),
    isp: file.subscriber.isp,
    planDownKbps: file.subscriber.planDownKbps,
    country: file.subscriber.country,
    digest: file.chain.digest,
    attachments: names.all,
    generator: file.generator,
    generatedAt: file.generatedAt,
  };
}
