/**
 * File names for an export: streamwitness-<first day>[-to-<last day>]-<service|all-services>.<ext>,
 * days in the sessions' own local time. Only [a-z0-9.-] so every OS and mail client keeps them as is.
 */
import type { EvidenceFile } from './schema';

export interface EvidenceNames {
  json: string;
  sessionsCsv: string;
  stallsCsv: string;
  complaint: (templateId: string) => string;
  all: string[];
}

export function evidenceBaseName(file: EvidenceFile): string {
  const subjects = file.sessions.filter((s) => s.role === 'subject');
  const days = subjects.map((s) => s.start.slice(0, 10)).sort();
  const first = days[0] ?? file.generatedAt.slice(0, 10);
  const last = days.at(-1) ?? first;
  const services = [...new Set(subjects.map((s) => s.service))];
  const who =
    file.scope.service ?? (services.length === 1 && services[0] !== undefined ? services[0] : 'all-services');
  const span = first === last ? first : `${first}-to-${last}`;
  return `streamwitness-${span}-${who}`.toLowerCase().replace(/[^a-z0-9.-]/g, '-');
}

export function evidenceNames(file: EvidenceFile): EvidenceNames {
  const base = evidenceBaseName(file);
  const json = `${base}.json`;
  const sessionsCsv = `${base}-sessions.csv`;
  const stallsCsv = `${base}-stalls.csv`;
  return {
    json,
    sessionsCsv,
    stallsCsv,
    complaint: (id) => `${base}-complaint-${id.replace(/[^a-z0-9-]/g, '-')}.txt`,
    all: [json, sessionsCsv, stallsCsv],
  };
}
