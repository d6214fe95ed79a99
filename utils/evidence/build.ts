/**
 * Builds a sealed evidence file from stored sessions, the user's stated settings and the exporting
 * environment. Pure apart from hashing (crypto.subtle): the clock and environment come in as arguments.
 */
import { compareServices } from '../analysis/compare';
import { summarize } from '../analysis/summary';
import { FORMULAS, SCORE_FORMULA_VERSION } from '../metrics/scores';
import { computeChain } from './chain';
import { type SessionInput, sessionRecord } from './record';
import {
  CANONICALIZATION,
  type Differentiation,
  EVIDENCE_FORMAT,
  EVIDENCE_FORMAT_VERSION,
  type EvidenceFile,
  type EvidenceHeader,
  type Generator,
  type Scope,
  type SessionEvidence,
} from './schema';
import type { EvidenceSettings } from './settings';
import { isoWithOffset } from './time';

export type EvidenceEnv = Omit<Generator, 'name'>;

export interface BuildInput {
  /** Sessions the export is about. */
  subjects: readonly SessionInput[];
  /** Other services' sessions at the same times (complaints); default none. */
  comparisons?: readonly SessionInput[];
  settings: EvidenceSettings;
  env: EvidenceEnv;
  scope: Scope;
  /** Epoch ms of the export; shown at env.utcOffsetMin. */
  generatedAt: number;
}

/** Wehe's comparison of the services in the file, or null with fewer than two of them. */
export function differentiationOf(sessions: readonly SessionInput[]): Differentiation | null {
  const report = compareServices(sessions);
  return report.services.length < 2 ? null : summarize(report);
}

/** The header as hashed: every top-level key but `sessions` and `chain`. */
export function headerOf(file: EvidenceFile): EvidenceHeader {
  const { sessions: _sessions, chain: _chain, ...header } = file;
  return header;
}

export async function buildEvidence(input: BuildInput): Promise<EvidenceFile> {
  const header: EvidenceHeader = {
    format: EVIDENCE_FORMAT,
    formatVersion: EVIDENCE_FORMAT_VERSION,
    generatedAt: isoWithOffset(input.generatedAt, input.env.utcOffsetMin),
    generator: { name: 'StreamWitness', ...input.env },
    subscriber: {
      isp: input.settings.isp ?? null,
      planDownKbps: input.settings.planDownKbps ?? null,
      country: input.settings.country ?? null,
    },
    scope: input.scope,
    scoreFormulas: { version: SCORE_FORMULA_VERSION, ...FORMULAS },
    differentiation: differentiationOf([...input.subjects, ...(input.comparisons ?? [])]),
  };
  const tagged: Array<[SessionInput, SessionEvidence['role']]> = [
    ...input.subjects.map((s) => [s, 'subject'] as [SessionInput, SessionEvidence['role']]),
    ...(input.comparisons ?? []).map((s) => [s, 'comparison'] as [SessionInput, SessionEvidence['role']]),
  ];
  // Oldest first, ties by id: the order is part of what the chain commits to.
  tagged.sort(
    ([a], [b]) =>
      a.session.startedAt - b.session.startedAt ||
      (a.session.id < b.session.id ? -1 : a.session.id > b.session.id ? 1 : 0),
  );
  const sessions = tagged.map(([s, role]) => sessionRecord(s, role));
  const { headerHash, recordHashes, digest } = await computeChain(header, sessions);
  return {
    ...header,
    sessions,
    chain: { algorithm: 'SHA-256', canonicalization: CANONICALIZATION, headerHash, recordHashes, digest },
  };
}

/**
 * Indented for people, with short arrays of plain values (a sample row, the column names) on one line so
 * an hour of samples stays readable and small. The chain hashes values, not layout, so this is free.
 */
export function serializeEvidence(file: EvidenceFile): string {
  return `${pretty(file, '')}\n`;
}

const INLINE_MAX = 16;

function pretty(v: unknown, indent: string): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    if (v.length <= INLINE_MAX && v.every((x) => x === null || typeof x !== 'object')) {
      return `[${v.map((x) => JSON.stringify(x)).join(', ')}]`;
    }
    return `[\n${v.map((x) => inner + pretty(x, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(v).filter(([, x]) => x !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${pretty(x, inner)}`).join(',\n')}\n${indent}}`;
}
