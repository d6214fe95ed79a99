/**
 * Between the content script, which runs in every frame of a watched page, and the tracker, which the
 * worker injects only into frames where a <video> shows up (entrypoints/video-tracker). Until the
 * tracker arrives the content script notes what it would have missed: the probe's batches as they came
 * (unparsed: the tracker parses them with zod, as it does live ones) and each video's media events with
 * what the element said at that moment. The tracker claims the notes once and replays them with their
 * own times, so a stall, a startup or an append that happened while it was on its way counts as if it
 * had been there. Both scripts run in the extension's isolated world, which the page cannot see; the
 * handoff sits on that world's global under a symbol.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { MAX_BATCH_CHARS } from '@/utils/messaging/probe-wire';
import type { ContentAnswer, ContentMessage } from '@/utils/messaging/protocol';
import type { Observation } from '@/utils/metrics/playback-machine';
import { type MediaEventType, observe } from './media-events';

export const HANDOFF_KEY = Symbol.for('streamwitness.capture');

/** A media event seen before the tracker arrived, with the element's state at that moment. */
export interface NotedEvent {
  type: MediaEventType;
  at: number;
  obs: Observation;
}

export interface Notes {
  /** The probe's batches, each with the time it arrived; not yet parsed. */
  probe: Array<[at: number, detail: string]>;
  /** Each video's events, in the order they happened; elements in the order first seen. */
  media: Map<HTMLVideoElement, NotedEvent[]>;
  /** The worker's `mediaSize` messages (a progressive file's size), unparsed: the tracker parses them. */
  sizes: unknown[];
}

export interface CaptureHandoff {
  /** The content script's context: invalid once the extension is reloaded or the site turned off. */
  readonly ctx: ContentScriptContext;
  /** The notes, once: null for a second caller (a second tracker injected into the same frame). */
  claim(): Notes | null;
  /** To the worker; undefined once this context is invalid. */
  send<M extends ContentMessage>(msg: M): Promise<ContentAnswer<M['type']> | undefined>;
  /** The event name the probe's batches come under in this document; null until it is known. */
  readonly channel: string | null;
  /** Ends capture in this frame: the tracker's own stop first (end sessions, flush), then the context. */
  stop(): Promise<void>;
  /** What the tracker must do before capture stops. */
  beforeStop: (() => Promise<void>) | null;
}

/** Bounds on the notes: a page that floods events before any tracker arrives costs at most this. */
export const MAX_NOTED_VIDEOS = 16;
export const MAX_NOTED_EVENTS = 64;
export const MAX_NOTED_BATCHES = 200;
/** The probe's batches before a video plays are a few registrations and appends, a few KB in all. */
export const MAX_NOTED_CHARS = 256 * 1024;
/** A frame fetches a few progressive files before it plays one; more are not worth keeping. */
export const MAX_NOTED_SIZES = 32;

export class Notebook {
  readonly probe: Notes['probe'] = [];
  readonly media: Notes['media'] = new Map();
  readonly sizes: Notes['sizes'] = [];
  private chars = 0;

  constructor(private readonly now: () => number) {}

  /** A probe batch: kept as it came, if it is a string of the size the probe can send. */
  batch(detail: unknown): void {
    if (typeof detail !== 'string' || detail.length > MAX_BATCH_CHARS) return;
    if (this.probe.length >= MAX_NOTED_BATCHES || this.chars + detail.length > MAX_NOTED_CHARS) return;
    this.chars += detail.length;
    this.probe.push([this.now(), detail]);
  }

  /** A worker message saying how large a media file is (it may arrive before the tracker does). */
  size(message: unknown): void {
    if (this.sizes.length < MAX_NOTED_SIZES) this.sizes.push(message);
  }

  /** A media event the browser fired on a video element (the caller has checked it is trusted). */
  event(type: MediaEventType, v: HTMLVideoElement): void {
    let list = this.media.get(v);
    if (!list) {
      if (this.media.size >= MAX_NOTED_VIDEOS) return;
      list = [];
      this.media.set(v, list);
    }
    if (list.length < MAX_NOTED_EVENTS) list.push({ type, at: this.now(), obs: observe(v) });
  }
}

export function findHandoff(global: object = globalThis): CaptureHandoff | undefined {
  return (global as { [HANDOFF_KEY]?: CaptureHandoff })[HANDOFF_KEY];
}
