/**
 * MAIN-world probe, injected at document_start. It only observes: every wrapper calls the page's
 * original with the same arguments and returns its result, and any failure of ours is swallowed so
 * the player never notices. It reports MediaSource/SourceBuffer activity in size-capped JSON batches,
 * at most one per BATCH_MS unless one fills up.
 */
import { PROBE_EVENT, ProbeBatcher } from '@/utils/messaging/probe-wire';
import { type InitInfo, parseInit, parseMediaSegment } from '@/utils/metrics/fmp4';

export default defineUnlistedScript(() => {
  const INSTALLED = Symbol.for('streamwitness.probe');
  const proto = globalThis.MediaSource?.prototype as (MediaSource & { [INSTALLED]?: true }) | undefined;
  if (!proto || proto[INSTALLED]) return;
  Object.defineProperty(proto, INSTALLED, { value: true });

  const out = new ProbeBatcher((json) => {
    window.dispatchEvent(new CustomEvent(PROBE_EVENT, { detail: json }));
  });

  interface SbState {
    id: number;
    init: InitInfo | null;
    pending: { bytes: number; start?: number; end?: number; before?: Array<[number, number]> } | null;
  }
  const sources = new WeakMap<MediaSource, number>();
  const buffers = new WeakMap<SourceBuffer, SbState>();
  let nextId = 1;
  const msId = (ms: MediaSource) => {
    let id = sources.get(ms);
    if (id === undefined) {
      id = nextId++;
      sources.set(ms, id);
    }
    return id;
  };
  const ranges = (sb: SourceBuffer): Array<[number, number]> => {
    const r = sb.buffered;
    const out: Array<[number, number]> = [];
    for (let i = 0; i < r.length; i++) out.push([r.start(i), r.end(i)]);
    return out;
  };
  const bytesOf = (data: BufferSource): Uint8Array =>
    data instanceof ArrayBuffer
      ? new Uint8Array(data)
      : new Uint8Array(data.buffer as ArrayBuffer, data.byteOffset, data.byteLength);

  const onUpdateEnd = (sb: SourceBuffer, st: SbState) => {
    const p = st.pending;
    st.pending = null;
    if (!p) return;
    let { start, end } = p;
    if ((start === undefined || end === undefined) && p.before) {
      // Not fMP4 (WebM, MPEG-TS): take the media time this append added to the buffer.
      const before = p.before;
      const added = ranges(sb).filter(
        ([s, e]) => !before.some(([bs, be]) => bs <= s + 0.05 && be >= e - 0.05),
      );
      if (added.length === 0) return;
      start = Math.min(...added.map(([s]) => s));
      end = Math.max(...added.map(([, e]) => e));
      for (const [bs, be] of before) {
        if (bs <= start && be > start && be < end) start = be;
      }
    }
    if (start === undefined || end === undefined || !(end > start)) return;
    out.append(st.id, p.bytes, start, end);
  };

  const origCreate = URL.createObjectURL;
  URL.createObjectURL = function (this: typeof URL, obj: Blob | MediaSource): string {
    const url = origCreate.call(this, obj);
    try {
      if (obj instanceof MediaSource) out.source(msId(obj), url);
    } catch {}
    return url;
  } as typeof URL.createObjectURL;

  const origAdd = proto.addSourceBuffer;
  proto.addSourceBuffer = function (this: MediaSource, mime: string): SourceBuffer {
    const sb = origAdd.call(this, mime);
    try {
      const st: SbState = { id: nextId++, init: null, pending: null };
      buffers.set(sb, st);
      sb.addEventListener('updateend', () => {
        try {
          onUpdateEnd(sb, st);
        } catch {}
      });
      out.buffer(msId(this), st.id, String(mime));
    } catch {}
    return sb;
  };

  const sbProto = SourceBuffer.prototype;
  const origAppend = sbProto.appendBuffer;
  sbProto.appendBuffer = function (this: SourceBuffer, data: BufferSource): void {
    try {
      const st = buffers.get(this);
      if (st) {
        const bytes = bytesOf(data);
        const init = parseInit(bytes);
        if (init) st.init = init;
        else {
          const seg = st.init ? parseMediaSegment(bytes, st.init) : null;
          const off = this.timestampOffset || 0;
          st.pending = seg
            ? { bytes: seg.mdatBytes, start: seg.start + off, end: seg.end + off }
            : { bytes: bytes.byteLength, before: ranges(this) };
        }
      }
    } catch {}
    origAppend.call(this, data);
  };

  const origRemove = sbProto.remove;
  sbProto.remove = function (this: SourceBuffer, start: number, end: number): void {
    try {
      const st = buffers.get(this);
      if (st && Number.isFinite(start)) out.remove(st.id, start, Number.isFinite(end) ? end : 1e7);
    } catch {}
    origRemove.call(this, start, end);
  };

  const origAbort = sbProto.abort;
  sbProto.abort = function (this: SourceBuffer): void {
    try {
      const st = buffers.get(this);
      if (st) st.pending = null;
    } catch {}
    origAbort.call(this);
  };
});
