/**
 * The language-free facts a complaint states, all taken from the sealed evidence file it attaches, so
 * every figure in the letter can be found in the attachment. Also a plain verdict on what the data
 * shows, so the page can warn before someone complains about data that shows no problem.
 */
import { serviceKey } from '../analysis/history';
import type { EvidenceNames } from '../evidence/names';
import type { Differentiation, EvidenceFile, SessionEvidence } from '../evidence/schema';
import { type Totals, totalsOf } from '../evidence/totals';
import { lettersRoles, type ServiceFacts, type Severity, severityOf, worst } from './roles';

export type { Severity } from './roles';

/** How many subject sessions a letter lists one by one; the rest are in the attachments. */
export const MAX_LISTED_SESSIONS = 12;

/**
 * How other services fared in the same windows: 'better' when they stalled far less or were far sharper,
 * 'similar' when they had problems of their own, 'none' when there is no comparison or it tells nothing.
 */
export type Contrast = 'better' | 'similar' | 'none';
/**
 * What the letter says about other services: 'listed' them; 'only-subjects' (several subject services,
 * nothing else played); 'none' (one subject service, nothing else played and no same-hour verdict);
 * 'omitted' (nothing else within the margin, but a same-hour verdict speaks for itself).
 */
export type ComparisonNote = 'listed' | 'only-subjects' | 'none' | 'omitted';

export interface ConfounderCount {
  code: SessionEvidence['confounders'][number]['code'];
  sessions: number;
}

/**
 * The same-hour throughput comparison of a subject service with another one, from the file's
 * `differentiation`, when it found a difference or could not decide; "no difference" is not cited.
 */
export interface VerdictFact {
  subject: string;
  other: string;
  verdict: 'differentiation' | 'inconclusive';
  /** True when the subject was the slower side, false when the other was, null when undecided. */
  subjectSlower: boolean | null;
  /** Why undecided: too little shared data, never the same hour, or the two tests disagreed. */
  why: 'too-little' | 'no-overlap' | 'area-only' | 'ks-only' | null;
  medianKbps: { subject: number | null; other: number | null };
  area: number | null;
  p: number | null;
  n: { subject: number; other: number };
  sessions: { subject: number; other: number };
  sharedHours: number;
  confounders: Differentiation['pairs'][number]['confounders'];
}

export interface ComplaintFacts {
  subject: Totals;
  /** The subject services one by one: what each had (stalls, picture), for the sentences that judge. */
  subjectServices: ServiceFacts[];
  /** Subject sessions to list (chronological), and how many were left out of the list. */
  listed: SessionEvidence[];
  unlisted: number;
  /** Which sessions were listed when not all: the most stalling, or (with no stall at all) the first. */
  listedBy: 'stalls' | 'time';
  comparison: ServiceFacts[];
  comparisonNote: ComparisonNote;
  comparisonMarginMin: number;
  /** Same-hour throughput verdicts of the subject services against the others (Wehe's method). */
  verdicts: VerdictFact[];
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

export function contrastOf(subject: Totals, others: Totals | null): Contrast {
  if (!others || others.watchMs === 0) return 'none';
  const fewerStalls =
    (others.rebufferFraction ?? 0) <= (subject.rebufferFraction ?? 0) * 0.5 && subject.stallCount > 0;
  const sharper =
    others.share720 !== null && subject.share720 !== null && others.share720 >= subject.share720 + 0.25;
  if (fewerStalls || sharper) return 'better';
  return severityOf(others) === 'none' ? 'none' : 'similar';
}

/** The name the file uses for a service key; a site without a service name is named by its host. */
function nameOfKey(key: string, sessions: readonly SessionEvidence[]): string {
  if (key.startsWith('other:')) return key.slice(6);
  return sessions.find((s) => serviceKey(s) === key)?.serviceName ?? key;
}

function pickListed(subjects: SessionEvidence[]): SessionEvidence[] {
  if (subjects.length <= MAX_LISTED_SESSIONS) return subjects;
  const worst = new Set(
    [...subjects].sort((a, b) => b.summary.stallMs - a.summary.stallMs).slice(0, MAX_LISTED_SESSIONS),
  );
  return subjects.filter((s) => worst.has(s));
}

export function verdictFacts(
  d: Differentiation | null,
  subjects: readonly SessionEvidence[],
  nameOf: (key: string) => string,
): VerdictFact[] {
  if (!d) return [];
  const keys = new Set(subjects.map(serviceKey));
  const out: VerdictFact[] = [];
  for (const p of d.pairs) {
    if (p.verdict === 'no-differentiation') continue;
    const aIsSubject = keys.has(p.a);
    if (!aIsSubject && !keys.has(p.b)) continue;
    // Both sides subjects (a range over several services): the slower one is the subject.
    const subjectIsA = aIsSubject && (!keys.has(p.b) || p.slower !== p.b);
    const [s, o] = subjectIsA ? (['a', 'b'] as const) : (['b', 'a'] as const);
    const why = p.reasons.includes('no-overlap')
      ? 'no-overlap'
      : p.reasons.includes('too-few-samples') ||
          p.reasons.includes('too-few-sessions') ||
          p.reasons.includes('no-throughput')
        ? 'too-little'
        : p.reasons.includes('area-only')
          ? 'area-only'
          : p.reasons.includes('ks-only')
            ? 'ks-only'
            : null;
    out.push({
      subject: nameOf(p[s]),
      other: nameOf(p[o]),
      verdict: p.verdict,
      subjectSlower: p.verdict === 'differentiation' && p.slower !== null ? p.slower === p[s] : null,
      why: p.verdict === 'inconclusive' ? why : null,
      medianKbps: { subject: p.medianKbps[s], other: p.medianKbps[o] },
      area: p.area,
      p: p.p,
      n: { subject: p.n[s], other: p.n[o] },
      sessions: { subject: p.sessions[s], other: p.sessions[o] },
      sharedHours: p.sharedHours,
      confounders: p.confounders,
    });
  }
  // Differentiation first: it is what the letter is about.
  return out.sort((x, y) => (x.verdict === y.verdict ? 0 : x.verdict === 'differentiation' ? -1 : 1));
}

function comparisonNoteOf(roles: ReturnType<typeof lettersRoles>, verdicts: VerdictFact[]): ComparisonNote {
  if (roles.comparisonServices.length > 0) return 'listed';
  if (roles.subjectServices.length > 1) return 'only-subjects';
  return verdicts.some((v) => v.sharedHours > 0) ? 'omitted' : 'none';
}

export function complaintFacts(file: EvidenceFile, names: EvidenceNames): ComplaintFacts {
  const roles = lettersRoles(file.sessions, file.scope.comparisonMarginMin);
  const { subjects, comparisons } = roles;
  const subject = totalsOf(subjects);
  const listed = pickListed(subjects);
  const counts = new Map<ConfounderCount['code'], number>();
  for (const s of subjects) for (const c of s.confounders) counts.set(c.code, (counts.get(c.code) ?? 0) + 1);
  const verdicts = verdictFacts(file.differentiation, subjects, (key) => nameOfKey(key, file.sessions));
  return {
    subject,
    subjectServices: roles.subjectServices,
    listed,
    unlisted: subjects.length - listed.length,
    listedBy: subject.stallCount > 0 ? 'stalls' : 'time',
    comparison: roles.comparisonServices,
    comparisonNote: comparisonNoteOf(roles, verdicts),
    comparisonMarginMin: roles.marginMin,
    verdicts,
    confounders: [...counts.entries()].map(([code, sessions]) => ({ code, sessions })),
    severity: worst(roles.subjectServices.map((s) => s.severity)),
    contrast: contrastOf(subject, comparisons.length > 0 ? totalsOf(comparisons) : null),
    isp: file.subscriber.isp,
    planDownKbps: file.subscriber.planDownKbps,
    country: file.subscriber.country,
    digest: file.chain.digest,
    attachments: names.all,
    generator: file.generator,
    generatedAt: file.generatedAt,
  };
}
