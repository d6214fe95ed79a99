/**
 * Receives the MAIN-world probe's reports. Everything here is page-reported and possibly forged:
 * messages are parsed and rate-limited, ids are looked up rather than trusted, and per-source state
 * is capped, so a flood costs a bounded amount of memory and a counter.
 */
import { PROBE_EVENT, parseProbeMessage, RateLimiter } from '@/utils/messaging/page-protocol';
import { BitrateTrack, type TrackKind } from '@/utils/metrics/bitrate';

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
  private readonly limiter = new RateLimiter(400, 800);
  accepted = 0;
  rejected = 0;

  /** Where the element playing this blob URL is now, so a re-append under the playhead is seen as one. */
  playheadOf: (url: string) => number | undefined = () => undefined;

  constructor(private readonly now: () => number) {}

  get dropped(): number {
    return this.limiter.dropped;
  }

  /** The listener to attach to window for PROBE_EVENT. */
  readonly onEvent = (ev: Event): void => {
    if (!this.limiter.allow(this.now())) return;
    const m = parseProbeMessage((ev as CustomEvent<unknown>).detail);
    if (!m) {
      this.rejected++;
      return;
    }
    this.accepted++;
    switch (m.k) {
      case 'ms': {
        if (!this.sources.has(m.ms) && this.sources.size >= MAX_SOURCES) this.evictOldestSource();
        const s = this.sources.get(m.ms) ?? {};
        if (s.url) this.byUrl.delete(s.url);
        s.url = m.url;
        this.sources.set(m.ms, s);
        this.byUrl.set(m.url, m.ms);
        return;
      }
      case 'sb': {
        if (this.buffers.size >= MAX_BUFFERS) return;
        const kind: TrackKind = m.mime.startsWith('video/')
          ? 'video'
          : m.mime.startsWith('audio/')
            ? 'audio'
            : 'other';
        const track = new BitrateTrack();
        this.buffers.set(m.sb, { ms: m.ms, kind, track });
        if (kind === 'video') {
          const s = this.sources.get(m.ms) ?? {};
          s.video = track;
          s.codec = m.mime;
          if (this.sources.size < MAX_SOURCES || this.sources.has(m.ms)) this.sources.set(m.ms, s);
        }
        return;
      }
      case 'ap': {
        const b = this.buffers.get(m.sb);
        if (!b) return;
        const url = this.sources.get(b.ms)?.url;
        const playhead = url ? this.playheadOf(url) : undefined;
        b.track.add({ bytes: m.bytes, start: m.start, end: m.end, at: this.now() }, playhead);
        return;
      }
      case 'rm':
        this.buffers.get(m.sb)?.track.remove(m.start, m.end);
        return;
      case 'ab':
        return;
    }
  };

  attach(target: EventTarget): () => void {
    target.addEventListener(PROBE_EVENT, this.onEvent);
    return () => target.removeEventListener(PROBE_EVENT, this.onEvent);
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
