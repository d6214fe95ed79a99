/**
 * Spreadsheet exports of an evidence file: sessions and stalls. RFC 4180: CRLF line ends, a field is
 * quoted when it holds a comma, quote, CR or LF, quotes are doubled. Text cells that start with
 * = + - @ (or tab/CR) get a leading apostrophe so a spreadsheet never runs them as a formula; numbers
 * are written by us and stay numbers. Units are in the column names.
 */
import type { EvidenceFile, SessionEvidence } from './schema';

export type Cell = string | number | boolean | null;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(v: Cell): string {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const safe = FORMULA_START.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((r) => `${r.map(csvCell).join(',')}\r\n`).join('');
}

const r = (n: number | null, digits: number) =>
  n === null ? null : Math.round(n * 10 ** digits) / 10 ** digits;
const pct = (f: number | null) => r(f === null ? null : f * 100, 2);
const seconds = (ms: number) => r(ms / 1000, 3);

export const SESSION_COLUMNS = [
  'session_id',
  'role',
  'service',
  'page_host',
  'start',
  'end',
  'watch_s',
  'playing_s',
  'startup_ms',
  'stall_count',
  'stall_total_s',
  'rebuffer_pct',
  'avg_bitrate_kbps',
  'avg_throughput_kbps',
  'time_at_720p_or_more_pct',
  'time_at_1080p_or_more_pct',
  'max_width_px',
  'max_height_px',
  'resolution_drops',
  'dropped_frames',
  'decoded_frames',
  'tab_hidden_s',
  'score_overall',
  'score_startup',
  'score_smoothness',
  'score_picture',
  'score_formula_version',
  'confounders',
  'record_sha256',
] as const;

function sessionRow(s: SessionEvidence, hash: string | undefined): Cell[] {
  const m = s.summary;
  return [
    s.id,
    s.role,
    s.serviceName,
    s.pageHost,
    s.start,
    s.end,
    seconds(m.watchMs),
    seconds(m.playingMs),
    s.startupMs === null ? null : Math.round(s.startupMs),
    m.stallCount,
    seconds(m.stallMs),
    pct(m.rebufferFraction),
    r(m.meanBitrateKbps, 0),
    r(m.meanThroughputKbps, 0),
    pct(m.share720),
    pct(m.share1080),
    m.maxWidth,
    m.maxHeight,
    m.resolutionDrops,
    m.droppedFrames,
    m.decodedFrames,
    seconds(m.hiddenMs),
    s.scores.overall,
    s.scores.startup,
    s.scores.smoothness,
    s.scores.picture,
    s.scores.formulaVersion,
    s.confounders.map((c) => c.code).join(' '),
    hash ?? null,
  ];
}

export function sessionsCsv(file: EvidenceFile): string {
  return toCsv(
    SESSION_COLUMNS,
    file.sessions.map((s, i) => sessionRow(s, file.chain.recordHashes[i])),
  );
}

export const STALL_COLUMNS = [
  'session_id',
  'service',
  'page_host',
  'stall_start',
  'duration_ms',
  'cause',
  'buffer_ahead_s',
  'media_time_s',
  'tab_hidden',
] as const;

export function stallsCsv(file: EvidenceFile): string {
  const rows = file.sessions.flatMap((s) =>
    s.stalls.map((st): Cell[] => [
      s.id,
      s.serviceName,
      s.pageHost,
      st.start,
      st.durationMs,
      st.cause,
      st.bufferAheadS,
      st.mediaTimeS,
      st.tabHidden,
    ]),
  );
  return toCsv(STALL_COLUMNS, rows);
}
