/**
 * The SHA-256 hash chain over an export's records. headerHash = H(canonical(header));
 * recordHashes[i] = H(prev + canonical(sessions[i])) with prev the previous hash as 64 lowercase hex
 * characters (headerHash for the first) and the concatenation UTF-8 encoded; digest = the last hash.
 * Keyless on purpose: anyone can recompute it, so it proves a file is unchanged since its digest was
 * quoted somewhere else (a complaint, a ticket), not who made it.
 */
import { canonicalJson } from './canonical';

export async function sha256Hex(text: string): Promise<string> {
  const bytes = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface ChainHashes {
  headerHash: string;
  recordHashes: string[];
  digest: string;
}

export async function computeChain(header: unknown, records: readonly unknown[]): Promise<ChainHashes> {
  const headerHash = await sha256Hex(canonicalJson(header));
  const recordHashes: string[] = [];
  let prev = headerHash;
  for (const r of records) {
    prev = await sha256Hex(prev + canonicalJson(r));
    recordHashes.push(prev);
  }
  return { headerHash, recordHashes, digest: prev };
}

export type ChainProblem =
  | { kind: 'count'; hashes: number; records: number }
  | { kind: 'header' }
  | { kind: 'records'; indexes: number[] }
  | { kind: 'digest' };

/**
 * Checks stored hashes against the records. Each record is checked against the *stored* previous hash,
 * so an edit is pinned to the record(s) that changed rather than smearing over every later one.
 */
export async function checkChain(
  header: unknown,
  records: readonly unknown[],
  stored: ChainHashes,
): Promise<ChainProblem[]> {
  if (stored.recordHashes.length !== records.length) {
    return [{ kind: 'count', hashes: stored.recordHashes.length, records: records.length }];
  }
  const problems: ChainProblem[] = [];
  if ((await sha256Hex(canonicalJson(header))) !== stored.headerHash) problems.push({ kind: 'header' });
  const edited: number[] = [];
  let prev = stored.headerHash;
  for (let i = 0; i < records.length; i++) {
    const want = stored.recordHashes[i] ?? '';
    if ((await sha256Hex(prev + canonicalJson(records[i]))) !== want) edited.push(i);
    prev = want;
  }
  if (edited.length > 0) problems.push({ kind: 'records', indexes: edited });
  if (stored.digest !== (stored.recordHashes.at(-1) ?? stored.headerHash)) problems.push({ kind: 'digest' });
  return problems;
}
