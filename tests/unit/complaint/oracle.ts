/**
 * What a letter may say, worked out from the evidence file alone, independently of utils/complaint: which
 * services it is about, which it compares them with, and each service's figures. The table test holds
 * every sentence of a letter against this.
 */
import type { EvidenceFile, SessionEvidence } from '../../../utils/evidence/schema';

export interface ServiceFigures {
  sessions: number;
  stallCount: number;
  /** Share of playing time at 720p or better; null without playing time. */
  share720: number | null;
  drops: number;
  hosts: string[];
}

export interface Expected {
  subjects: string[];
  comparisons: string[];
  /** By service name, over the service's sessions that the letter counts (subject or comparison). */
  figures: Map<string, ServiceFigures>;
  subjectSessions: SessionEvidence[];
  /** Shared hours of each same-hour pair in the file, by 'A|B' (both orders). */
  sharedHours: Map<string, number>;
}

function figuresOf(sessions: readonly SessionEvidence[]): ServiceFigures {
  const playing = sessions.reduce((a, s) => a + s.summary.playingMs, 0);
  return {
    sessions: sessions.length,
    stallCount: sessions.reduce((a, s) => a + s.summary.stallCount, 0),
    share720: playing > 0 ? sessions.reduce((a, s) => a + s.summary.hd720Ms, 0) / playing : null,
    drops: sessions.reduce((a, s) => a + s.summary.resolutionDrops, 0),
    hosts: [...new Set(sessions.map((s) => s.pageHost))].sort(),
  };
}

/** A problem: any stall, a resolution drop, or under 90 % of playing time at 720p. */
export const hadProblem = (f: ServiceFigures) =>
  f.stallCount > 0 || f.drops > 0 || (f.share720 !== null && f.share720 < 0.9);

const group = (sessions: readonly SessionEvidence[]) => {
  const m = new Map<string, SessionEvidence[]>();
  for (const s of sessions) m.set(s.serviceName, [...(m.get(s.serviceName) ?? []), s]);
  return m;
};

export function expected(file: EvidenceFile): Expected {
  const chosen = group(file.sessions.filter((s) => s.role === 'subject'));
  const troubled = [...chosen].filter(([, ss]) => hadProblem(figuresOf(ss))).map(([name]) => name);
  const subjects = troubled.length > 0 ? troubled : [...chosen.keys()];
  const subjectSessions = file.sessions.filter(
    (s) => s.role === 'subject' && subjects.includes(s.serviceName),
  );
  const margin = (file.scope.comparisonMarginMin ?? 60) * 60_000;
  const near = (s: SessionEvidence) =>
    subjectSessions.some(
      (x) =>
        Date.parse(s.start) <= Date.parse(x.end ?? x.start) + margin &&
        Date.parse(s.end ?? s.start) >= Date.parse(x.start) - margin,
    );
  const others = file.sessions.filter((s) => !subjects.includes(s.serviceName) && near(s));
  const figures = new Map<string, ServiceFigures>();
  for (const [name, ss] of [...group(subjectSessions), ...group(others)]) figures.set(name, figuresOf(ss));
  const nameOf = (key: string) =>
    file.sessions.find((s) => s.service === key || `other:${s.pageHost}` === key)?.serviceName ?? key;
  const sharedHours = new Map<string, number>();
  for (const p of file.differentiation?.pairs ?? []) {
    sharedHours.set(`${nameOf(p.a)}|${nameOf(p.b)}`, p.sharedHours);
    sharedHours.set(`${nameOf(p.b)}|${nameOf(p.a)}`, p.sharedHours);
  }
  return {
    subjects,
    comparisons: [...group(others).keys()],
    figures,
    subjectSessions,
    sharedHours,
  };
}

/** The paragraph under `title` (up to the next blank line followed by a heading-like line). */
export function paragraph(body: string, title: string): string {
  const from = body.indexOf(`${title}\n`);
  if (from < 0) return '';
  const rest = body.slice(from + title.length + 1);
  const end = rest.search(/\n\n(What|Was|Ce|Nachweis|Meine|Démarches|Evidence|Anlagen|Preuves)\b/);
  return end < 0 ? rest : rest.slice(0, end);
}

/** A count followed by the wrong number of its noun, in the letter's language. */
export const WRONG_PLURALS: Record<'en' | 'de' | 'fr', RegExp[]> = {
  en: [
    /(?<![\d.,])1 (playback sessions|sessions|stalls|days|different days|shared clock hours|segment downloads)\b/,
    /\b(?!1\b)\d[\d,]* (playback session|session|stall|day|shared clock hour|segment download)\b(?!s)/,
  ],
  de: [
    /(?<![\d.,])1 (Wiedergaben|Unterbrechungen|verschiedenen Tagen|gemeinsamen Stunden|Segment-Downloads)\b/,
    /\b(?!1\b)\d[\d.]* (Wiedergabe|Unterbrechung|Tag|gemeinsamen Stunde|Segment-Download)\b(?![a-zäöü-])/,
  ],
  fr: [
    /(?<![\d,\s])[01] (lectures|coupures|jours différents|heures communes|téléchargements)\b/,
    /\b(?![01]\b)\d[\d\s]* (lecture|coupure|jour|heure commune|téléchargement)\b(?!s)/,
  ],
};
