/**
 * The probe's wrappers of MediaSource, SourceBuffer and URL.createObjectURL (see index.ts). Everything
 * the page could replace is taken once, here, at document_start (stealth.ts).
 */
import { announceChannel, channelName } from '@/utils/messaging/probe-channel';
import { ProbeBatcher } from '@/utils/messaging/probe-wire';
import { type InitInfo, parseInit, parseMediaSegment } from '@/utils/metrics/fmp4';
import { call, disguise, disguiseToString, getter, invoke } from './stealth';

interface SbState {
  id: number;
  init: InitInfo | null;
  pending: { bytes: number; start?: number; end?: number; before?: Array<[number, number]> } | null;
}

export function startProbe(): void {
  const MS = globalThis.MediaSource;
  const SB = globalThis.SourceBuffer;
  if (!MS || !SB) return;
  const msProto = MS.prototype;
  const sbProto = SB.prototype;

  // The page's API, as it is before any page script ran.
  const win = window;
  const CustomEventCtor = CustomEvent;
  const { addEventListener, removeEventListener, dispatchEvent } = EventTarget.prototype;
  const setTimer = setTimeout.bind(win);
  const clearTimer = clearTimeout.bind(win);
  const perf = performance;
  const perfNow = Performance.prototype.now;
  const createObject = Object.create;
  const getRandom = crypto.getRandomValues.bind(crypto);
  const U8 = Uint8Array;
  const isView = ArrayBuffer.isView;
  const readyState = getter<string>(msProto, 'readyState');
  const buffered = getter<TimeRanges>(sbProto, 'buffered');
  const timestampOffset = getter<number>(sbProto, 'timestampOffset');
  const rangesLength = getter<number>(TimeRanges.prototype, 'length');
  const { start: rangeStart, end: rangeEnd } = TimeRanges.prototype;
  const abLength = getter<number>(ArrayBuffer.prototype, 'byteLength');
  const viewProto = Object.getPrototypeOf(U8.prototype) as object;
  const viewBuffer = getter<ArrayBuffer>(viewProto, 'buffer');
  const viewOffset = getter<number>(viewProto, 'byteOffset');
  const viewLength = getter<number>(viewProto, 'byteLength');
  const dvBuffer = getter<ArrayBuffer>(DataView.prototype, 'buffer');
  const dvOffset = getter<number>(DataView.prototype, 'byteOffset');
  const dvLength = getter<number>(DataView.prototype, 'byteLength');
  const isDataView = (v: ArrayBufferView) => {
    try {
      dvLength(v);
      return true;
    } catch {
      return false;
    }
  };
  /** A brand check that runs no page code (instanceof would ask MediaSource[Symbol.hasInstance]). */
  const isMediaSource = (v: unknown) => {
    try {
      readyState(v);
      return true;
    } catch {
      return false;
    }
  };

  const name = channelName((b) => getRandom(b));
  const events = {
    listen: (type: string, fn: () => void) => call(addEventListener, win, type, fn),
    unlisten: (type: string, fn: () => void) => call(removeEventListener, win, type, fn),
    send: (type: string, detail: string) => {
      // Options without a prototype: the constructor reads `bubbles` and the rest, and would find a
      // getter the page put on Object.prototype.
      const init = createObject(null) as CustomEventInit<string>;
      init.detail = detail;
      call(dispatchEvent, win, new CustomEventCtor(type, init));
    },
  };
  const out = new ProbeBatcher(
    (json) => events.send(name, json),
    () => call(perfNow, perf),
    {
      set: (fn, ms) => setTimer(fn, ms),
      clear: (t) => clearTimer(t),
    },
  );
  announceChannel(events, name);

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
    const r = buffered(sb);
    const list: Array<[number, number]> = [];
    const n = rangesLength(r);
    for (let i = 0; i < n; i++) list.push([call(rangeStart, r, i), call(rangeEnd, r, i)]);
    return list;
  };
  /** The appended bytes, read through the natives (a page getter on the data would see us). */
  const bytesOf = (data: unknown): Uint8Array | null => {
    if (!isView(data)) return new U8(data as ArrayBuffer, 0, abLength(data));
    const view = data as ArrayBufferView;
    return isDataView(view)
      ? new U8(dvBuffer(view), dvOffset(view), dvLength(view))
      : new U8(viewBuffer(view), viewOffset(view), viewLength(view));
  };

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

  disguiseToString();

  URL.createObjectURL = disguise(URL.createObjectURL, (native, self, args) => {
    const url = invoke(native, self, args) as string;
    try {
      const obj = args[0];
      if (isMediaSource(obj)) out.source(msId(obj as MediaSource), url);
    } catch {}
    return url;
  });

  msProto.addSourceBuffer = disguise(msProto.addSourceBuffer, (native, self, args) => {
    const sb = invoke(native, self, args) as SourceBuffer;
    try {
      const st: SbState = { id: nextId++, init: null, pending: null };
      buffers.set(sb, st);
      const onEnd = () => {
        try {
          onUpdateEnd(sb, st);
        } catch {}
      };
      call(addEventListener, sb, 'updateend', onEnd);
      // The native has already turned the argument into a string; a non-string is not looked at again.
      const mime = args[0];
      out.buffer(msId(self as MediaSource), st.id, typeof mime === 'string' ? mime : '');
    } catch {}
    return sb;
  });

  sbProto.appendBuffer = disguise(sbProto.appendBuffer, (native, self, args) => {
    try {
      const sb = self as SourceBuffer;
      const st = buffers.get(sb);
      const bytes = st ? bytesOf(args[0]) : null;
      if (st && bytes) {
        const init = parseInit(bytes);
        if (init) st.init = init;
        else {
          const seg = st.init ? parseMediaSegment(bytes, st.init) : null;
          const off = timestampOffset(sb) || 0;
          st.pending = seg
            ? { bytes: seg.mdatBytes, start: seg.start + off, end: seg.end + off }
            : { bytes: bytes.byteLength, before: ranges(sb) };
        }
      }
    } catch {}
    return invoke(native, self, args);
  });

  sbProto.remove = disguise(sbProto.remove, (native, self, args) => {
    try {
      const st = buffers.get(self as SourceBuffer);
      const start = args[0];
      const end = args[1];
      // Only plain numbers: converting anything else would run page code from inside the wrapper.
      if (st && typeof start === 'number' && Number.isFinite(start) && typeof end === 'number') {
        out.remove(st.id, start, Number.isFinite(end) ? end : 1e7);
      }
    } catch {}
    return invoke(native, self, args);
  });

  sbProto.abort = disguise(sbProto.abort, (native, self, args) => {
    try {
      const st = buffers.get(self as SourceBuffer);
      if (st) st.pending = null;
    } catch {}
    return invoke(native, self, args);
  });
}
