/**
 * Checks an evidence file and says precisely what is wrong, in order: size, JSON, kind of file,
 * format version, schema (with the path of each bad field), then the hash chain (which record was
 * edited). Reads text only: it never touches the history store, so checking a file cannot change it.
 */
import { boundedParse } from './bounded-parse';
import { headerOf } from './build';
import { checkChain } from './chain';
import {
  EVIDENCE_FORMAT,
  EVIDENCE_FORMAT_VERSION,
  type EvidenceFile,
  EvidenceFile as Schema,
} from './schema';

/** Larger files are refused before they are read (a tab holding hundreds of MB of JSON can crash). */
export const MAX_EVIDENCE_BYTES = 40 * 1024 * 1024;
/** Findings spelled out one per line; the rest are counted ("…and N more"). */
const MAX_ISSUES = 12;
/** Paths and record indexes returned to the page: a hostile file may hold millions. */
export const MAX_LISTED = 100;

export type VerifyCode =
  | 'too-large'
  | 'empty'
  /** The browser could not read the chosen file (set by the page, not here). */
  | 'unreadable'
  | 'not-json'
  | 'not-evidence'
  | 'wrong-version'
  | 'invalid'
  | 'chain-count'
  | 'edited'
  | 'digest-edited'
  | 'digest-differs'
  | 'ok';

export interface VerifyOutcome {
  ok: boolean;
  code: VerifyCode;
  /** One sentence for the headline, in English; the page words it from `code` and the fields below. */
  title: string;
  /** Precise findings, one per line. */
  details: string[];
  /** 0-based indexes into `sessions` of the records whose hash does not match (the first MAX_LISTED). */
  editedRecords?: number[];
  /** How many records do not match, listed or not. */
  editedCount?: number;
  headerEdited?: boolean;
  /** "sessions[2].stalls[0].durationMs" style paths of schema problems (the first MAX_LISTED). */
  invalidPaths?: string[];
  /** How many schema problems were found, listed or not. */
  invalidCount?: number;
  /** too-large: the file's size in bytes. */
  bytes?: number;
  /** wrong-version: the integer format version the file states (absent when it has none usable). */
  version?: number;
  /** ok: whether a digest was entered (and so matched). */
  digestMatched?: boolean;
  /** The digest the file carries (present once the schema is valid). */
  digest?: string;
  file?: EvidenceFile;
}

const fail = (code: VerifyCode, title: string, details: string[] = []): VerifyOutcome => ({
  ok: false,
  code,
  title,
  details,
});

/** '50.0 MB', '12.5 KB', '300 bytes'; digits as `locale` writes them (en-US when not given). */
export function formatBytes(n: number, locale = 'en-US'): string {
  const one = (v: number) =>
    new Intl.NumberFormat(locale, {
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
      useGrouping: false,
    }).format(v);
  return n >= 1024 * 1024 ? `${one(n / 1024 / 1024)} MB` : n >= 1024 ? `${one(n / 1024)} KB` : `${n} bytes`;
}

/** For a File: call before reading it. Null when the size is acceptable. */
export function checkSize(bytes: number): VerifyOutcome | null {
  if (bytes > MAX_EVIDENCE_BYTES) {
    return {
      ...fail('too-large', `This file is too large to check here (${formatBytes(bytes)}).`, [
        `The limit is ${formatBytes(MAX_EVIDENCE_BYTES)}. It was not read.`,
        'Evidence files from StreamWitness are far smaller unless they hold months of history; export a shorter date range and check that.',
      ]),
      bytes,
    };
  }
  if (bytes === 0) return fail('empty', 'This file is empty.');
  return null;
}

/** "sessions[2].stalls[0].durationMs" from a zod issue path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out === '' ? '(top level)' : out;
}

/** A digest the user typed or pasted: spaces and case ignored. Null when it is not 64 hex digits. */
export function normalizeDigest(input: string): string | null {
  const d = input.replace(/\s+/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(d) ? d : null;
}

function describeKind(v: unknown): string {
  if (Array.isArray(v)) return 'a JSON array';
  if (v === null) return 'JSON null';
  if (typeof v !== 'object') return `a JSON ${typeof v}`;
  const format = (v as Record<string, unknown>).format;
  return typeof format === 'string'
    ? `JSON with "format": ${JSON.stringify(format.slice(0, 60))}`
    : 'a JSON object without a "format" field';
}

function checkKindAndVersion(data: unknown): VerifyOutcome | null {
  const isObject = typeof data === 'object' && data !== null && !Array.isArray(data);
  const obj = isObject ? (data as Record<string, unknown>) : {};
  if (obj.format !== EVIDENCE_FORMAT) {
    return fail('not-evidence', 'This is valid JSON, but not a StreamWitness evidence file.', [
      `It is ${describeKind(data)}; an evidence file has "format": "${EVIDENCE_FORMAT}".`,
    ]);
  }
  const v = obj.formatVersion;
  if (v === EVIDENCE_FORMAT_VERSION) return null;
  if (typeof v === 'number' && Number.isInteger(v)) {
    const newer = v > EVIDENCE_FORMAT_VERSION;
    const outcome = fail(
      'wrong-version',
      `This evidence file is format version ${v}; this StreamWitness checks version ${EVIDENCE_FORMAT_VERSION}.`,
      [
        newer
          ? 'It was made by a newer StreamWitness: update the extension to check it.'
          : 'It was made by an older StreamWitness whose format this version no longer reads.',
      ],
    );
    return { ...outcome, version: v };
  }
  return fail('wrong-version', 'This evidence file has no usable format version.', [
    `"formatVersion" is ${v === undefined ? 'missing' : JSON.stringify(v).slice(0, 40)}; it should be the number ${EVIDENCE_FORMAT_VERSION}.`,
  ]);
}

/** The line that counts what was not spelled out. */
const more = (count: number): string[] => (count > MAX_ISSUES ? [`…and ${count - MAX_ISSUES} more.`] : []);

function recordLabel(file: EvidenceFile, i: number): string {
  const s = file.sessions[i];
  const what = s ? ` — ${s.serviceName}, started ${s.start}, id ${s.id}` : '';
  return `Session record ${i + 1} of ${file.sessions.length} (sessions[${i}]${what})`;
}

export async function verifyEvidenceText(
  text: string,
  opts: { expectedDigest?: string } = {},
): Promise<VerifyOutcome> {
  const size = checkSize(text.length);
  if (size) return size;
  let data: unknown;
  try {
    // An editor may have added a byte-order mark; it is not part of the data.
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return fail('not-json', 'This is not a JSON file, so it cannot be an evidence file.', [
      `The JSON parser stopped: ${e instanceof Error ? e.message : String(e)}`,
      'Evidence files are the .json files StreamWitness exports (not the .csv or .txt ones).',
    ]);
  }
  const kind = checkKindAndVersion(data);
  if (kind) return kind;

  const parsed = boundedParse(Schema, data, MAX_LISTED);
  if (!parsed.success || !parsed.data) {
    const { issues, count } = parsed;
    const paths = issues.map((i) => formatPath(i.path));
    return {
      ...fail(
        'invalid',
        `This evidence file has ${count === 1 ? 'an invalid field' : `${count} invalid fields`}.`,
        [...issues.slice(0, MAX_ISSUES).map((i, n) => `${paths[n]}: ${i.message}`), ...more(count)],
      ),
      invalidPaths: paths,
      invalidCount: count,
    };
  }
  const file = parsed.data;
  // Hash what the file says (the parsed JSON), not zod's output, so nothing is normalised away.
  const raw = data as EvidenceFile;
  const problems = await checkChain(headerOf(raw), raw.sessions, raw.chain);
  const base = { digest: file.chain.digest, file };

  const count = problems.find((p) => p.kind === 'count');
  if (count) {
    return {
      ...fail('chain-count', 'Session records were added or removed after export.', [
        `The chain lists ${count.hashes} record hashes but the file holds ${count.records} session records.`,
      ]),
      ...base,
    };
  }
  const headerEdited = problems.some((p) => p.kind === 'header');
  const edited = problems.flatMap((p) => (p.kind === 'records' ? p.indexes : []));
  if (headerEdited || edited.length > 0) {
    const details = [
      ...(headerEdited
        ? [
            'The header (export time, browser, ISP and plan, scope) was changed after export: its hash does not match.',
          ]
        : []),
      ...edited
        .slice(0, MAX_ISSUES)
        .map((i) => `${recordLabel(file, i)} was changed after export: its hash does not match the chain.`),
      ...more(edited.length),
    ];
    const first = edited[0];
    const title =
      first === undefined
        ? 'The file header was edited after export.'
        : `This file was edited after export, at session record ${first + 1}${edited.length > 1 ? ` (and ${edited.length - 1} more)` : ''}.`;
    return {
      ...fail('edited', title, details),
      editedRecords: edited.slice(0, MAX_LISTED),
      editedCount: edited.length,
      headerEdited,
      ...base,
    };
  }
  if (problems.some((p) => p.kind === 'digest')) {
    return {
      ...fail('digest-edited', 'The final digest in this file was edited.', [
        'Every record matches its hash, but "chain.digest" is not the last record hash.',
      ]),
      ...base,
    };
  }
  const expected = opts.expectedDigest ? normalizeDigest(opts.expectedDigest) : null;
  if (expected && expected !== file.chain.digest) {
    return {
      ...fail('digest-differs', 'This file is intact, but it is not the file with the digest you entered.', [
        `Its digest is ${file.chain.digest}.`,
        `You entered ${expected}.`,
        'Either a different export was attached, or the file was rebuilt after that digest was quoted.',
      ]),
      ...base,
    };
  }
  const subjects = file.sessions.filter((s) => s.role === 'subject').length;
  return {
    ok: true,
    code: 'ok',
    digestMatched: !!expected,
    title: expected
      ? 'Valid, unchanged, and the digest matches the one you entered.'
      : 'Valid: the schema matches and the hash chain is intact.',
    details: [
      `Format version ${file.formatVersion}; exported ${file.generatedAt} by StreamWitness ${file.generator.extensionVersion} (${file.generator.browser} ${file.generator.browserVersion}, ${file.generator.os}).`,
      `${file.sessions.length} session records (${subjects} subject, ${file.sessions.length - subjects} comparison).`,
      `Digest: ${file.chain.digest}`,
      'The chain shows the file is unchanged since this digest was made. Compare it with the digest quoted in the report or complaint.',
    ],
    ...base,
  };
}
