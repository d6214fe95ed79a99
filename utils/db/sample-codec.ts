/**
 * Samples of one session as a columnar byte chunk. Storage precision (what `normalizeSample` keeps, and
 * exactly what a decode gives back): wall times and dt to the ms, media time and buffer to the ms,
 * bitrate and throughput to 0.1 kbps, rate to 1e-6; counts and flags exact. Columns are varints of
 * deltas against what the previous sample predicts (t advances by dt, mt by the wall time), so a
 * steadily playing second costs about 15 bytes. Geometry and rate are written only when they change.
 */
import { PLAY_STATES, type PlayState, type Sample } from '../schema/playback';
import { ByteReader, ByteWriter, CodecError, MAX_CODED, onGrid, toGrid } from './bytes';

const VERSION = 1;
const MS = 1000;
const DECI = 10;
const MICRO = 1_000_000;

const STATE_CODE = new Map<PlayState, number>(PLAY_STATES.map((s, i) => [s, i]));
const HIDDEN = 8;
const BR_NULL = 16;
const TP_NULL = 32;
/** w, h, dw, dh and rate follow in the view column. */
const VIEW = 64;

/** The sample as the store keeps it (idempotent: normalizing twice changes nothing). */
export function normalizeSample(s: Sample): Sample {
  return {
    ...s,
    t: Math.round(s.t),
    dt: Math.round(s.dt),
    mt: onGrid(s.mt, MS),
    buf: onGrid(s.buf, MS),
    br: s.br === null ? null : onGrid(s.br, DECI),
    tp: s.tp === null ? null : onGrid(s.tp, DECI),
    rate: onGrid(s.rate, MICRO),
  };
}

/** Why a (schema-valid) sample cannot be stored exactly, or null. Only absurd magnitudes fail here. */
export function sampleRangeIssue(s: Sample): string | null {
  const scaled: [string, number][] = [
    ['seq', s.seq],
    ['t', s.t],
    ['mt', s.mt * MS],
    ['buf', s.buf * MS],
    ['br', (s.br ?? 0) * DECI],
    ['tp', (s.tp ?? 0) * DECI],
    ['w', s.w],
    ['h', s.h],
    ['dw', s.dw],
    ['dh', s.dh],
    ['df', s.df],
    ['tf', s.tf],
  ];
  const bad = scaled.find(([, v]) => !(v <= MAX_CODED));
  return bad ? `${bad[0]}: larger than the store can keep exactly` : null;
}

interface GridRow {
  s: Sample;
  flags: number;
  mt: number;
  buf: number;
  br: number | null;
  tp: number | null;
  rate: number;
}

/** Normalized samples of one session, in strictly increasing seq order. */
export function encodeSamples(samples: readonly Sample[]): Uint8Array {
  const rows: GridRow[] = [];
  for (const [i, s] of samples.entries()) {
    const code = STATE_CODE.get(s.state);
    if (code === undefined) throw new CodecError(`unknown state ${s.state}`);
    const p = samples[i - 1];
    if (p && s.seq <= p.seq) throw new CodecError('samples out of seq order');
    const rate = toGrid(s.rate, MICRO);
    const view =
      !p || s.w !== p.w || s.h !== p.h || s.dw !== p.dw || s.dh !== p.dh || rate !== rows[i - 1]?.rate;
    const br = s.br === null ? null : toGrid(s.br, DECI);
    const tp = s.tp === null ? null : toGrid(s.tp, DECI);
    const flags =
      code |
      (s.hidden ? HIDDEN : 0) |
      (br === null ? BR_NULL : 0) |
      (tp === null ? TP_NULL : 0) |
      (view ? VIEW : 0);
    rows.push({ s, flags, mt: toGrid(s.mt, MS), buf: toGrid(s.buf, MS), br, tp, rate });
  }
  const w = new ByteWriter();
  w.uint(VERSION);
  w.uint(rows.length);
  /** One column: `write` sees each sample's row and the previous one (none for the first). */
  const column = (write: (r: GridRow, p: GridRow | undefined) => void) => {
    for (let i = 0; i < rows.length; i++) write(rows[i] as GridRow, rows[i - 1]);
  };
  column((r, p) => w.uint(p ? r.s.seq - p.s.seq - 1 : r.s.seq));
  column((r, p) => w.int(p ? r.s.t - p.s.t : r.s.t));
  column((r, p) => (p ? w.int(r.s.dt - (r.s.t - p.s.t)) : w.uint(r.s.dt)));
  column((r) => w.uint(r.flags));
  column((r, p) => w.int(p ? r.mt - p.mt - (r.s.t - p.s.t) : r.mt));
  column((r, p) => w.int(r.buf - (p?.buf ?? 0)));
  column((r) => {
    if (r.flags & VIEW) for (const v of [r.s.w, r.s.h, r.s.dw, r.s.dh, r.rate]) w.uint(v);
  });
  for (const key of ['br', 'tp'] as const) {
    let prev = 0;
    column((r) => {
      const v = r[key];
      if (v === null) return;
      w.int(v - prev);
      prev = v;
    });
  }
  column((r) => w.uint(r.s.df));
  column((r) => w.uint(r.s.tf));
  return w.bytes();
}

const nonNeg = (v: number, what: string): number => {
  if (!(v >= 0)) throw new CodecError(`${what}: negative`);
  return v;
};

/** Throws CodecError unless the bytes are a whole, valid chunk; every sample returned passes `Sample`. */
export function decodeSamples(sid: string, bytes: Uint8Array): Sample[] {
  const r = new ByteReader(bytes);
  if (r.uint() !== VERSION) throw new CodecError('unknown sample chunk version');
  const n = r.uint();
  if (n > bytes.length) throw new CodecError('count larger than the chunk');
  const col = (read: (i: number) => number) => Array.from({ length: n }, (_, i) => read(i));
  const seq: number[] = [];
  for (let i = 0; i < n; i++) seq.push(i ? (seq[i - 1] as number) + 1 + r.uint() : r.uint());
  const t: number[] = [];
  for (let i = 0; i < n; i++) t.push(nonNeg(i ? (t[i - 1] as number) + r.int() : r.int(), 't'));
  const dt = col((i) => (i ? r.int() + (t[i] as number) - (t[i - 1] as number) : r.uint()));
  const flags = col(() => r.uint());
  const mt: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = i ? (mt[i - 1] as number) + r.int() + (t[i] as number) - (t[i - 1] as number) : r.int();
    mt.push(nonNeg(v, 'mt'));
  }
  const buf: number[] = [];
  for (let i = 0; i < n; i++) buf.push(nonNeg((buf[i - 1] ?? 0) + r.int(), 'buf'));
  const views: [number, number, number, number, number][] = [];
  for (const [i, f] of flags.entries()) {
    if (f >= 128 || (f & 7) >= PLAY_STATES.length) throw new CodecError('bad flags');
    if (i === 0 && !(f & VIEW)) throw new CodecError('first sample without its view');
    if (f & VIEW) views.push([r.uint(), r.uint(), r.uint(), r.uint(), r.uint()]);
  }
  const nullable = (mask: number, what: string) => {
    let prev = 0;
    return flags.map((f) => {
      if (f & mask) return null;
      prev = nonNeg(prev + r.int(), what);
      return prev;
    });
  };
  const br = nullable(BR_NULL, 'br');
  const tp = nullable(TP_NULL, 'tp');
  const df = col(() => r.uint());
  const tf = col(() => r.uint());
  r.end();
  const out: Sample[] = [];
  let v = 0;
  for (let i = 0; i < n; i++) {
    const f = flags[i] as number;
    if (f & VIEW) v++;
    const [w, h, dw, dh, rate] = views[v - 1] as [number, number, number, number, number];
    const d = dt[i] as number;
    if (!(d >= 0 && d <= 60_000)) throw new CodecError('dt out of range');
    if (rate > 16 * MICRO) throw new CodecError('rate out of range');
    const b = br[i] ?? null;
    const p = tp[i] ?? null;
    out.push({
      sid,
      seq: seq[i] as number,
      t: t[i] as number,
      dt: d,
      state: PLAY_STATES[f & 7] as PlayState,
      mt: (mt[i] as number) / MS + 0,
      buf: (buf[i] as number) / MS + 0,
      w,
      h,
      dw,
      dh,
      br: b === null ? null : b / DECI + 0,
      tp: p === null ? null : p / DECI + 0,
      df: df[i] as number,
      tf: tf[i] as number,
      rate: rate / MICRO + 0,
      hidden: (f & HIDDEN) !== 0,
    });
  }
  return out;
}
