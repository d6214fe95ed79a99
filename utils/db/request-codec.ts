/**
 * Media-request events of one session as a columnar byte chunk with its own small host table.
 * Storage precision: t and mt to the ms, durationMs to the µs (short requests are mostly latency, and
 * throughput divides by it); bytes, host and `timed` exact.
 */
import type { PlaybackEvent } from '../schema/playback';
import { ByteReader, ByteWriter, CodecError, MAX_CODED, onGrid, toGrid } from './bytes';

export type RequestEvent = Extract<PlaybackEvent, { kind: 'request' }>;

const VERSION = 1;
const MS = 1000;
const US = 1000;
const MAX_HOST = 255;

export function normalizeRequest(e: RequestEvent): RequestEvent {
  return { ...e, t: Math.round(e.t), mt: onGrid(e.mt, MS), durationMs: onGrid(e.durationMs, US) };
}

export function requestRangeIssue(e: RequestEvent): string | null {
  const scaled: [string, number][] = [
    ['seq', e.seq],
    ['t', e.t],
    ['mt', e.mt * MS],
    ['bytes', e.bytes],
    ['durationMs', e.durationMs * US],
  ];
  const bad = scaled.find(([, v]) => !(v <= MAX_CODED));
  return bad ? `${bad[0]}: larger than the store can keep exactly` : null;
}

/** Normalized request events of one session, in strictly increasing seq order. */
export function encodeRequests(events: readonly RequestEvent[]): Uint8Array {
  const w = new ByteWriter();
  const hosts = [...new Set(events.map((e) => e.host))];
  const hostIndex = new Map(hosts.map((h, i) => [h, i]));
  w.uint(VERSION);
  w.uint(events.length);
  w.uint(hosts.length);
  for (const h of hosts) w.text(h);
  for (const [i, e] of events.entries()) {
    const p = events[i - 1];
    if (p && e.seq <= p.seq) throw new CodecError('requests out of seq order');
    w.uint(p ? e.seq - p.seq - 1 : e.seq);
  }
  for (const [i, e] of events.entries()) {
    const p = events[i - 1];
    w.int(p ? e.t - p.t : e.t);
  }
  const mt = events.map((e) => toGrid(e.mt, MS));
  for (const [i, e] of events.entries()) {
    const p = events[i - 1];
    w.int(p ? (mt[i] as number) - (mt[i - 1] as number) - (e.t - p.t) : (mt[i] as number));
  }
  for (const e of events) w.uint((hostIndex.get(e.host) as number) * 2 + (e.timed ? 1 : 0));
  for (const e of events) w.uint(e.bytes);
  for (const e of events) w.uint(toGrid(e.durationMs, US));
  return w.bytes();
}

export function decodeRequests(sid: string, bytes: Uint8Array): RequestEvent[] {
  const r = new ByteReader(bytes);
  if (r.uint() !== VERSION) throw new CodecError('unknown request chunk version');
  const n = r.uint();
  const nHosts = r.uint();
  if (n > bytes.length || nHosts > bytes.length) throw new CodecError('count larger than the chunk');
  const hosts = Array.from({ length: nHosts }, () => r.text(MAX_HOST));
  const seq: number[] = [];
  for (let i = 0; i < n; i++) seq.push(i ? (seq[i - 1] as number) + 1 + r.uint() : r.uint());
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = i ? (t[i - 1] as number) + r.int() : r.int();
    if (v < 0) throw new CodecError('t: negative');
    t.push(v);
  }
  const mt: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = i ? (mt[i - 1] as number) + r.int() + (t[i] as number) - (t[i - 1] as number) : r.int();
    if (v < 0) throw new CodecError('mt: negative');
    mt.push(v);
  }
  const hostTimed = Array.from({ length: n }, () => r.uint());
  const size = Array.from({ length: n }, () => r.uint());
  const dur = Array.from({ length: n }, () => r.uint());
  r.end();
  return seq.map((s, i) => {
    const ht = hostTimed[i] as number;
    const host = hosts[Math.floor(ht / 2)];
    if (host === undefined) throw new CodecError('host index out of range');
    return {
      sid,
      seq: s,
      t: t[i] as number,
      mt: (mt[i] as number) / MS + 0,
      kind: 'request',
      host,
      bytes: size[i] as number,
      durationMs: (dur[i] as number) / US + 0,
      timed: ht % 2 === 1,
    };
  });
}
