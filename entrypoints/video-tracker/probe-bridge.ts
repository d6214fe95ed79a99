/**
 * Receives the MAIN-world probe's batches. Everything here is page-reported and possibly forged:
 * batches are parsed and rate-limited, ids are looked up rather than trusted, and per-source state
 * is capped, so a flood costs a bounded amount of memory and a counter.
 */
import { parseProbeBatch, RateLimiter } from '@/utils/messaging/page-protocol';
import { OP_REMOVE } from '@/utils/messaging/probe-wire';
import { BitrateTrack, type TrackKind } from '@/utils/metrics/bitrate';
import { cutCodec } from '@/utils/schema/limits';

interface SourceState {
  url?: string;
  video?: BitrateTrack;
  codec?: string;
}

const MAX_SOURCES = 64;
const MAX_BUFFERS = 256;

export class ProbeBridge {
  private readonly sources = new Map<number, SourceState>();
  private readonly buffers = new Map<number, { ms: number; kind: TrackKind; track: BitrateTrack }>();
  private readonly byUrl = new Map<string, number>();
  /** The probe sends at most one batch per BATCH_MS, or sooner when one fills up. */
  private readonly limiter = new RateLimiter(40, 80);
  accepted = 0;
  rejected = 0;

  /**
   * Where the element playing this blob URL was `ageMs` ago, when an append finished, so that a
   * re-append under the playhead is seen as one.
   */
  playheadOf: (url: string, ageMs: number) => number | undefined = () => undefined;

  constructor(private readonly now: () => number) {}

  get dropped(): number {
    return this.limiter.dropped;
  }

  /** The listener to attach to window for the probe's channel. */
  readonly onEvent = (ev: Event): void => this.receive((ev as CustomEvent<unknown>).detail, this.now());

  /**
   * One batch as the probe sent it, arrived at `at`: now, or earlier for a batch the content script
   * noted before this tracker was injected (utils/capture/handoff.ts).
   */
  receive(detail: unknown, at: number): void {
    if (!this.limiter.allow(at)) return;
    const batch = parseProbeBatch(detail);
    if (!batch) {
      this.rejected++;
      return;
    }
    this.accepted++;
    const late = Math.max(0, this.now() - at);
    const [sources, buffers, ops] = batch;
    for (const [ms, url] of sources) this.addSource(ms, url);
    for (const [ms, sb, mime] of buffers) this.addBuffer(ms, sb, mime);
    for (const [op, sb, bytes, start, end, ageMs] of ops) {
      const b = this.buffers.get(sb);
      if (!b) continue;
      if (op === OP_REMOVE) {
        b.track.remove(start, end);
        continue;
      }
      const url = this.sources.get(b.ms)?.url;
      const playhead = url ? this.playheadOf(url, ageMs + late) : undefined;
      b.track.add({ bytes, start, end, at: at - ageMs }, playhead);
    }
  }

  private addSource(ms: number, url: string): void {
    if (!this.sources.has(ms) && this.sources.size >= MAX_SOURCES) this.evictOldestSource();
    const s = this.sources.get(ms) ?? {};
    if (s.url) this.byUrl.delete(s.url);
    s.url = url;
    this.sources.set(ms, s);
    this.byUrl.set(url, ms);
  }

  private addBuffer(ms: number, sb: number, mime: string): void {
    if (this.buffers.size >= MAX_BUFFERS) return;
    const kind: TrackKind = mime.startsWith('video/')
      ? 'video'
      : mime.startsWith('audio/')
        ? 'audio'
        : 'other';
    const track = new BitrateTrack();
    this.buffers.set(sb, { ms, kind, track });
    if (kind === 'video') {
      const s = this.sources.get(ms) ?? {};
      s.video = track;
      // The wire already cuts it; a forged batch may not have been through the probe's batcher.
      s.codec = cutCodec(mime) || undefined;
      if (this.sources.size < MAX_SOURCES || this.sources.has(ms)) this.sources.set(ms, s);
    }
  }

  /** Listens for the probe's batches under `channel`, the name the probe chose (probe-channel.ts). */
  attach(target: EventTarget, channel: string | null): () => void {
    if (!channel) return () => undefined;
    target.addEventListener(channel, this.onEvent);
    return () => target.removeEventListener(channel, this.onEvent);
  }

  /** Video bitrate of what plays at `playhead`, for an element whose src is this blob URL. */
  bitrateFor(src: string, playhead: number): number | null {
    const ms = this.sourceOf(src);
    if (ms === undefined) return null;
    return this.sources.get(ms)?.video?.estimateKbps(playhead) ?? null;
  }

  codecFor(src: string): string | undefined {
    const ms = this.sourceOf(src);
    return ms === undefined ? undefined : this.sources.get(ms)?.codec;
  }

  /**
   * The MediaSource behind a blob URL. The probe is a script the page loads, so a player whose code
   * runs first (cached, or already playing when the extension was installed) can create its object
   * URL before the probe wraps createObjectURL: its buffers are reported, its URL is not. When exactly
   * one MediaSource with a video buffer has no URL, it is the one this unmatched URL plays; with two
   * or more it could be either, and no estimate is better than a wrong one.
   */
  private sourceOf(src: string): number | undefined {
    const known = this.byUrl.get(src);
    if (known !== undefined || !src.startsWith('blob:')) return known;
    const orphans = [...this.sources].filter(([, s]) => s.url === undefined && s.video);
    if (orphans.length !== 1) return undefined;
    const [ms, s] = orphans[0] as [number, SourceState];
    s.url = src;
    this.byUrl.set(src, ms);
    return ms;
  }

  private evictOldestSource(): void {
    const first = this.sources.keys().next();
    if (first.done) return;
    const s = this.sources.get(first.value);
    if (s?.url) this.byUrl.delete(s.url);
    this.sources.delete(first.value);
  }
}
