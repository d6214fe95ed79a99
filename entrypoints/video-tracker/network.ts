/**
 * Media requests as Resource Timing shows them: throughput per interval, serving host per request,
 * and whether the host hides its timing (cross-origin without Timing-Allow-Origin). Reads only what
 * the browser already measured; it never issues a request.
 */
import { parseCmcdFromUrl } from '@/utils/analysis/cmcd';
import { withoutFragment } from '@/utils/messaging/media-size';
import { progressiveKbps, requestThroughput, type TimingEntry } from '@/utils/metrics/bitrate';
import { type CmcdKeys, cmcdKeys } from '@/utils/metrics/cmcd-log';

const MEDIA_PATH =
  /\.(m4s|m4v|m4a|mp4|webm|ts|aac|cmfv|cmfa|mkv|mpd|m3u8)(\?|$)|\/videoplayback|\/range\/|segment/i;
const MANIFEST_PATH = /\.(mpd|m3u8)(\?|$)/i;
/** Files whose size is kept: a page rarely plays more than a few in one frame. */
const MAX_SIZES = 32;
const MEDIA_INITIATORS = new Set(['xmlhttprequest', 'fetch', 'video', 'audio', 'other']);

export interface MediaRequest {
  host: string;
  bytes: number;
  durationMs: number;
  timed: boolean;
  at: number;
  /** CMCD the player put in the request URL (page-reported), measurement keys only. */
  cmcd: CmcdKeys | null;
}

export class NetworkMeter {
  private bits = 0;
  private ms = 0;
  private readonly bySrc = new Map<string, number>();
  private observer: PerformanceObserver | null = null;
  private recent: MediaRequest[] = [];
  /** Wall-clock starts of manifest requests (.mpd, .m3u8): an MSE player's first act of starting. */
  private manifestStarts: number[] = [];
  /** Whole-file sizes by URL (no fragment), newest MAX_SIZES. */
  private readonly sizes = new Map<string, number>();

  constructor(private readonly timeOrigin: number) {}

  start(): void {
    if (typeof PerformanceObserver === 'undefined') return;
    try {
      this.observer = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) this.add(e as PerformanceResourceTiming);
      });
      this.observer.observe({ type: 'resource', buffered: true });
    } catch {
      this.observer = null;
    }
  }

  stop(): void {
    this.observer?.disconnect();
    this.observer = null;
  }

  /** Throughput (kbps) over the media requests that finished since the last call, or null. */
  takeIntervalKbps(): number | null {
    const kbps = this.ms > 0 ? this.bits / this.ms : null;
    this.bits = 0;
    this.ms = 0;
    return kbps;
  }

  /** Requests seen since the last call, for per-request events. */
  takeRequests(): MediaRequest[] {
    const r = this.recent;
    this.recent = [];
    return r;
  }

  /** The latest manifest request that started within `windowMs` before `t`, if any. */
  manifestStartBefore(t: number, windowMs = 10_000): number | null {
    let best: number | null = null;
    for (const s of this.manifestStarts)
      if (s <= t && t - s <= windowMs && (best === null || s > best)) best = s;
    return best;
  }

  /** A file's whole size as its response headers gave it (background/media-size.ts). */
  noteMediaSize(url: string, bytes: number): void {
    if (!this.sizes.has(url) && this.sizes.size >= MAX_SIZES) {
      const oldest = this.sizes.keys().next();
      if (!oldest.done) this.sizes.delete(oldest.value);
    }
    this.sizes.set(url, bytes);
  }

  /**
   * Progressive files: the file's size over its duration. The size comes from the response headers;
   * without them, from the bytes of completed Resource Timing entries (a range request rarely completes
   * while the element plays, so that is a fallback for browsers that withhold the headers).
   */
  progressiveKbps(src: string, durationS: number): number | null {
    const url = withoutFragment(src);
    return progressiveKbps(this.sizes.get(url) ?? this.bySrc.get(url) ?? 0, durationS);
  }

  private add(e: PerformanceResourceTiming): void {
    if (!MEDIA_INITIATORS.has(e.initiatorType) || !MEDIA_PATH.test(e.name)) return;
    if (MANIFEST_PATH.test(e.name) && this.manifestStarts.length < 100) {
      this.manifestStarts.push(this.timeOrigin + e.startTime);
    }
    const entry: TimingEntry = {
      name: e.name,
      startTime: e.startTime,
      requestStart: e.requestStart,
      responseStart: e.responseStart,
      responseEnd: e.responseEnd,
      transferSize: e.transferSize,
      encodedBodySize: e.encodedBodySize,
    };
    const r = requestThroughput(entry);
    let host = '';
    try {
      host = new URL(e.name).hostname;
    } catch {
      return;
    }
    if (r.timed && r.bytes > 0 && r.durationMs > 0) {
      this.bits += r.bytes * 8;
      this.ms += r.durationMs;
      if (e.initiatorType === 'video' || e.initiatorType === 'audio' || e.initiatorType === 'other') {
        this.bySrc.set(e.name, (this.bySrc.get(e.name) ?? 0) + r.bytes);
      }
    }
    if (this.recent.length < 200) {
      this.recent.push({
        host,
        bytes: r.bytes,
        durationMs: r.durationMs,
        timed: r.timed,
        at: this.timeOrigin + e.responseEnd,
        cmcd: e.name.includes('CMCD=') ? cmcdKeys(parseCmcdFromUrl(e.name)) : null,
      });
    }
  }
}
