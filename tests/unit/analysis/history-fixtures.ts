/** Synthetic playback histories for the analysis tests: deterministic (seeded), built like the store's rows. */
import type { ConnectionInfo, SessionHistory } from '../../../utils/analysis/history';
import { isHd } from '../../../utils/metrics/resolution';
import type { PlaybackEvent, Sample, Service } from '../../../utils/schema/playback';

/** mulberry32: a tiny seeded PRNG, so every run sees the same "noise". */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Values around `center`, spread ±`spread` (fraction), `n` of them. */
export function around(center: number, n: number, seed: number, spread = 0.15): number[] {
  const r = rng(seed);
  return Array.from({ length: n }, () => center * (1 + spread * (2 * r() - 1)));
}

export const HOUR = 3_600_000;
/** 2025-03-03 00:00 UTC, a Monday. */
export const DAY0 = Date.UTC(2025, 2, 3);

export interface SessionSpec {
  id: string;
  service: Service;
  pageHost?: string;
  /** Epoch ms of the first sample. */
  start: number;
  durationS?: number;
  tzOffsetMin?: number;
  /** Network throughput the requests see, kbps. */
  kbps: number;
  /** Bitrate that plays, kbps. */
  brKbps: number;
  height?: number;
  /** Displayed size (CSS px); defaults to a full-HD screen, 1920×1080. */
  display?: { w: number; h: number };
  codec?: string;
  host?: string;
  requestBytes?: number;
  /** Seconds between media requests. */
  requestEveryS?: number;
  /** false: the host hides timing, so requests carry no sizes. */
  timed?: boolean;
  droppedRatio?: number;
  hiddenShare?: number;
  preview?: boolean;
  connection?: ConnectionInfo;
  seed?: number;
}

export function makeSession(spec: SessionSpec): SessionHistory {
  const n = spec.durationS ?? 600;
  const r = rng(spec.seed ?? spec.id.length * 7919 + spec.start / HOUR);
  const height = spec.height ?? 1080;
  const width = Math.round((height * 16) / 9);
  const display = spec.display ?? { w: 1920, h: 1080 };
  const timed = spec.timed ?? true;
  const jitter = () => 1 + 0.15 * (2 * r() - 1);
  const samples: Sample[] = [];
  const events: PlaybackEvent[] = [];
  const totalFrames = n * 30;
  for (let i = 0; i < n; i++) {
    samples.push({
      sid: spec.id,
      seq: i,
      t: spec.start + i * 1000,
      dt: i === 0 ? 0 : 1000,
      state: 'playing',
      mt: i,
      buf: 20,
      w: width,
      h: height,
      dw: display.w,
      dh: display.h,
      br: spec.brKbps,
      tp: spec.kbps * jitter(),
      df: 0,
      tf: 30,
      rate: 1,
      hidden: false,
    });
  }
  const bytes = spec.requestBytes ?? 500_000;
  const every = spec.requestEveryS ?? 4;
  for (let i = 0, seq = 0; i < n; i += every, seq++) {
    events.push({
      sid: spec.id,
      seq,
      t: spec.start + i * 1000,
      mt: i,
      kind: 'request',
      host: spec.host ?? `cdn.${spec.service}.example`,
      bytes: timed ? bytes : 0,
      durationMs: (bytes * 8) / (spec.kbps * jitter()),
      timed,
    });
  }
  const watchMs = n * 1000;
  return {
    session: {
      id: spec.id,
      service: spec.service,
      pageHost: spec.pageHost ?? `www.${spec.service}.example`,
      startedAt: spec.start,
      tzOffsetMin: spec.tzOffsetMin ?? 0,
      ...(spec.codec ? { codec: spec.codec } : {}),
      preview: spec.preview ?? false,
      agg: {
        watchMs,
        playingMs: watchMs,
        ms720: isHd(width, height) ? watchMs : 0,
        brMs: spec.brKbps > 0 ? watchMs : 0,
        upSum: 0,
        hiddenMs: Math.round(watchMs * (spec.hiddenShare ?? 0)),
        droppedFrames: Math.round(totalFrames * (spec.droppedRatio ?? 0)),
        totalFrames,
      },
    },
    samples,
    events,
    ...(spec.connection ? { connection: spec.connection } : {}),
  };
}

/** Three evenings (20:00 and 20:30 UTC): `a` and `b` watched in the same clock hours each day. */
export function sameEvenings(
  a: Omit<SessionSpec, 'id' | 'start'>,
  b: Omit<SessionSpec, 'id' | 'start'>,
  days = 3,
): SessionHistory[] {
  const out: SessionHistory[] = [];
  for (let d = 0; d < days; d++) {
    const evening = DAY0 + d * 24 * HOUR + 20 * HOUR;
    out.push(makeSession({ ...a, id: `${a.service}-day${d}`, start: evening, seed: 11 + d }));
    out.push(makeSession({ ...b, id: `${b.service}-day${d}`, start: evening + 30 * 60_000, seed: 101 + d }));
  }
  return out;
}
