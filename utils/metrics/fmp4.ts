/**
 * A tiny ISO-BMFF (fragmented MP4) walker for the MAIN-world probe, which runs inside every appendBuffer:
 * it reads box headers and a few small boxes (tkhd, mdhd, hdlr, trex; tfhd, tfdt, trun), never copies
 * bytes, and never throws: anything malformed or truncated yields null and the probe falls back.
 */
export type TrackKind = 'video' | 'audio' | 'other';

export interface TrackInfo {
  id: number;
  timescale: number;
  kind: TrackKind;
  /** From mvex/trex; 0 when the init does not say. */
  defaultSampleDuration: number;
}
export interface InitInfo {
  tracks: Map<number, TrackInfo>;
}
export interface SegmentInfo {
  /** Media seconds (decode time, before the SourceBuffer's timestampOffset). */
  start: number;
  end: number;
  /** Payload bytes of every mdat in the append. */
  mdatBytes: number;
  trackId: number;
  kind: TrackKind;
}

interface Box {
  type: string;
  /** Payload start and end (exclusive), in bytes of the whole buffer. */
  start: number;
  end: number;
}

const MAX_BOXES = 4096;

/** The boxes laid end to end in [from, to); null when one is malformed. A final cut-off box ends the walk. */
function children(v: DataView, from: number, to: number): Box[] | null {
  const out: Box[] = [];
  let off = from;
  while (off + 8 <= to && out.length < MAX_BOXES) {
    let size = v.getUint32(off);
    let header = 8;
    if (size === 1) {
      if (off + 16 > to) return out;
      size = v.getUint32(off + 8) * 2 ** 32 + v.getUint32(off + 12);
      header = 16;
    } else if (size === 0) {
      size = to - off;
    }
    if (size < header) return null;
    if (off + size > to) return out;
    const type = String.fromCharCode(
      v.getUint8(off + 4),
      v.getUint8(off + 5),
      v.getUint8(off + 6),
      v.getUint8(off + 7),
    );
    out.push({ type, start: off + header, end: off + size });
    off += size;
  }
  return out;
}

const find = (list: Box[] | null, type: string) => list?.find((b) => b.type === type);
const viewOf = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
/** A u32 at `off` of a box payload, or null past its end. */
const u32 = (v: DataView, b: Box | undefined, off: number): number | null =>
  b && b.start + off + 4 <= b.end ? v.getUint32(b.start + off) : null;
/** Whether a full box is version 1 (64-bit times). */
const isV1 = (v: DataView, b: Box) => b.start < b.end && v.getUint8(b.start) === 1;

export function parseInit(bytes: Uint8Array): InitInfo | null {
  const v = viewOf(bytes);
  const moov = find(children(v, 0, v.byteLength), 'moov');
  if (!moov) return null;
  const inMoov = children(v, moov.start, moov.end) ?? [];
  const defaults = new Map<number, number>();
  const mvex = find(inMoov, 'mvex');
  for (const trex of mvex ? (children(v, mvex.start, mvex.end) ?? []) : []) {
    const id = u32(v, trex, 4);
    const duration = u32(v, trex, 12);
    if (trex.type === 'trex' && id !== null && duration !== null) defaults.set(id, duration);
  }
  const tracks = new Map<number, TrackInfo>();
  for (const trak of inMoov) {
    if (trak.type !== 'trak') continue;
    const inTrak = children(v, trak.start, trak.end);
    const tkhd = find(inTrak, 'tkhd');
    const mdia = find(inTrak, 'mdia');
    const inMdia = mdia ? children(v, mdia.start, mdia.end) : null;
    const mdhd = find(inMdia, 'mdhd');
    const hdlr = find(inMdia, 'hdlr');
    const id = tkhd ? u32(v, tkhd, isV1(v, tkhd) ? 20 : 12) : null;
    const timescale = mdhd ? u32(v, mdhd, isV1(v, mdhd) ? 20 : 12) : null;
    const handler = u32(v, hdlr, 8);
    if (id === null || !timescale) continue;
    const kind: TrackKind = handler === 0x76696465 ? 'video' : handler === 0x736f756e ? 'audio' : 'other';
    tracks.set(id, { id, timescale, kind, defaultSampleDuration: defaults.get(id) ?? 0 });
  }
  return tracks.size > 0 ? { tracks } : null;
}

interface Span {
  start: number;
  end: number;
}

export function parseMediaSegment(bytes: Uint8Array, init: InitInfo): SegmentInfo | null {
  const v = viewOf(bytes);
  const top = children(v, 0, v.byteLength);
  if (!top) return null;
  let mdatBytes = 0;
  const spans = new Map<number, Span>();
  for (const box of top) {
    if (box.type === 'mdat') mdatBytes += box.end - box.start;
    if (box.type !== 'moof') continue;
    for (const traf of children(v, box.start, box.end) ?? []) {
      if (traf.type !== 'traf') continue;
      const t = parseTraf(v, traf, init);
      if (!t) continue;
      const prev = spans.get(t.id);
      spans.set(t.id, prev ? { start: Math.min(prev.start, t.start), end: Math.max(prev.end, t.end) } : t);
    }
  }
  const ids = [...spans.keys()];
  const id = ids.find((i) => init.tracks.get(i)?.kind === 'video') ?? ids[0];
  const span = id === undefined ? undefined : spans.get(id);
  const track = id === undefined ? undefined : init.tracks.get(id);
  if (!span || !track || !(span.end > span.start)) return null;
  const ts = track.timescale;
  return { start: span.start / ts, end: span.end / ts, mdatBytes, trackId: track.id, kind: track.kind };
}

/** One track fragment's decode-time span, in its timescale. */
function parseTraf(v: DataView, traf: Box, init: InitInfo): (Span & { id: number }) | null {
  const inTraf = children(v, traf.start, traf.end);
  const tfhd = find(inTraf, 'tfhd');
  const tfdt = find(inTraf, 'tfdt');
  const id = u32(v, tfhd, 4);
  const track = id === null ? undefined : init.tracks.get(id);
  if (!tfhd || !tfdt || id === null || !track) return null;
  const tfhdFlags = (u32(v, tfhd, 0) ?? 0) & 0xffffff;
  // Optional tfhd fields, in order: base data offset (8), sample description index (4), duration (4).
  const durationAt = 8 + (tfhdFlags & 0x1 ? 8 : 0) + (tfhdFlags & 0x2 ? 4 : 0);
  const tfhdDuration = tfhdFlags & 0x8 ? u32(v, tfhd, durationAt) : null;
  const fallback = tfhdDuration ?? track.defaultSampleDuration;
  const v1 = isV1(v, tfdt);
  const hi = v1 ? u32(v, tfdt, 4) : 0;
  const lo = u32(v, tfdt, v1 ? 8 : 4);
  if (hi === null || lo === null) return null;
  const start = hi * 2 ** 32 + lo;
  let total = 0;
  for (const trun of inTraf ?? []) {
    if (trun.type !== 'trun') continue;
    const d = trunDuration(v, trun, fallback);
    if (d === null) return null;
    total += d;
  }
  return { id, start, end: start + total };
}

function trunDuration(v: DataView, trun: Box, fallback: number): number | null {
  const flags = (u32(v, trun, 0) ?? 0) & 0xffffff;
  const count = u32(v, trun, 4);
  if (count === null) return null;
  if (!(flags & 0x100)) return count * fallback;
  // Per-sample fields present, each 4 bytes: duration, size, flags, composition offset.
  const stride = 4 * [0x100, 0x200, 0x400, 0x800].filter((f) => flags & f).length;
  let off = 8 + (flags & 0x1 ? 4 : 0) + (flags & 0x4 ? 4 : 0);
  if (trun.start + off + count * stride > trun.end) return null;
  let total = 0;
  for (let i = 0; i < count; i++, off += stride) total += v.getUint32(trun.start + off);
  return total;
}
