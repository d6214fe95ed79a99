/**
 * One <video> element: turns its events and a 250 ms observation tick into sessions of samples and
 * events. All judgement (what is a stall, when startup ended) is the pure machine's; this file only
 * observes the element and routes what the machine says to the outbox and the live badge.
 */
import { type CmcdKeys, shouldLogCmcd } from '@/utils/metrics/cmcd-log';
import { playIntentAt } from '@/utils/metrics/intent';
import {
  type MachineOutput,
  type Observation,
  type PlaybackInput,
  step,
} from '@/utils/metrics/playback-machine';
import { isDrop } from '@/utils/metrics/resolution';
import { SPARK_TAIL } from '@/utils/metrics/spark';
import type { PlaybackEvent, SessionMeta } from '@/utils/schema/playback';
import type { NotedEvent } from '../video.content/handoff';
import { MEDIA_EVENTS, observe } from '../video.content/observe';
import type { MediaRequest } from './network';
import { liveSnapshot, readSample } from './readings';
import { type Active, openSession, type TrackerDeps } from './session';

export type { TrackerDeps } from './session';

/** The events the playback machine judges: all but a source change, a resize and a rate change. */
const MACHINE_EVENTS = new Set<string>(
  MEDIA_EVENTS.filter((t) => t !== 'loadstart' && t !== 'emptied' && t !== 'resize' && t !== 'ratechange'),
);

const MIN_SIZE = 50;
const IDLE_PAUSE_MS = 10 * 60 * 1000;

export class VideoTracker {
  private active: Active | null = null;
  private loadstartAt: number | null = null;
  private readyPausedAt: number | null = null;
  /** A `play` seen before the element had chosen its source (play() right after setting src). */
  private pendingPlayAt: number | null = null;
  /** Set while end() closes the session: a stall closed then never recovered, it was cut short. */
  private ending = false;
  /** An event can reach us twice: passed in by the document listener that created us, then at the target. */
  private readonly seen = new WeakSet<Event>();
  private readonly onEvent = (ev: Event) => {
    if (this.seen.has(ev)) return;
    this.seen.add(ev);
    this.handle(ev.type, this.deps.now());
  };

  constructor(
    readonly video: HTMLVideoElement,
    private readonly deps: TrackerDeps,
    trigger?: Event,
    noted: readonly NotedEvent[] = [],
  ) {
    // What the content script saw before this tracker arrived, at the times it happened.
    for (const e of noted) this.handle(e.type, e.at, e.obs);
    for (const type of MEDIA_EVENTS) video.addEventListener(type, this.onEvent);
    // The event that made the tracker notice this element (loadstart, play) counts too.
    if (trigger) this.onEvent(trigger);
    // Attached to an element that already plays (autoplay before we ran, extension reloaded).
    if (!video.paused && video.currentSrc) this.ensureSession();
  }

  get sessionId(): string | null {
    return this.active?.meta.id ?? null;
  }

  detach(reason: SessionMeta['endReason'] = 'removed'): void {
    for (const type of MEDIA_EVENTS) this.video.removeEventListener(type, this.onEvent);
    this.end(reason);
  }

  /** Called every 250 ms by the content script's single timer. */
  tick(): void {
    const v = this.video;
    const a = this.active;
    const now = this.deps.now();
    if (a && v.currentSrc !== a.src) {
      this.end('source-change');
    } else if (a && a.pausedSince !== null && now - a.pausedSince > IDLE_PAUSE_MS) {
      this.end('idle');
      return;
    }
    if (!this.active) {
      if (!v.paused && v.currentSrc) this.ensureSession();
      return;
    }
    this.feed({ kind: 'tick', now, obs: this.observe() });
    this.checkResolution(now);
    if (now - this.active.lastSampleAt >= 1000) this.sample(now);
  }

  /** Media requests seen in this frame, attributed to this (playing) session, with their CMCD. */
  recordRequests(reqs: MediaRequest[]): void {
    for (const r of reqs) {
      const mt = this.video.currentTime || 0;
      this.pushEvent({
        kind: 'request',
        t: r.at,
        mt,
        host: r.host.slice(0, 255),
        bytes: r.bytes,
        durationMs: r.durationMs,
        timed: r.timed,
      });
      if (r.cmcd) this.recordCmcd(r.cmcd, r.at);
    }
  }

  /** CMCD a player sent (in the request URL or headers), thinned to what changes (cmcd-log.ts). */
  recordCmcd(keys: CmcdKeys, t: number): void {
    const a = this.active;
    if (!a) return;
    const decided = shouldLogCmcd(a.cmcdLog, keys, t);
    a.cmcdLog = decided.state;
    if (decided.log) this.pushEvent({ kind: 'cmcd', t, mt: this.video.currentTime || 0, ...keys });
  }

  get playing(): boolean {
    return this.active !== null && !this.video.paused;
  }

  visibility(hidden: boolean): void {
    const a = this.active;
    if (!a) return;
    const now = this.deps.now();
    this.feed({ kind: 'visibility', now, hidden, obs: this.observe() });
    this.pushEvent({ kind: 'visibility', t: now, mt: this.video.currentTime || 0, hidden });
  }

  end(reason: SessionMeta['endReason'], now = this.deps.now()): void {
    const a = this.active;
    if (!a) return;
    this.ending = true;
    try {
      this.feed({ kind: 'event', type: 'ended', now, obs: this.observe() });
    } finally {
      this.ending = false;
    }
    this.sample(now);
    a.meta = { ...a.meta, endedAt: now, endReason: reason };
    this.deps.outbox.meta(a.meta);
    this.deps.live(a.meta.id, null);
    this.active = null;
  }

  /** An element event at `now`; `obs` is the element's state then, when it is not now (a noted event). */
  private handle(type: string, now: number, obs?: Observation): void {
    if (type === 'loadstart') {
      this.loadstartAt = now;
      this.readyPausedAt = null;
    }
    if (type === 'canplay' && this.video.paused && this.readyPausedAt === null) this.readyPausedAt = now;
    if (type === 'loadstart' || type === 'emptied') {
      if (this.active && this.video.currentSrc !== this.active.src) this.end('source-change', now);
      else if (type === 'emptied') this.end('source-change', now);
      if (type === 'loadstart' && this.pendingPlayAt !== null && !this.video.paused)
        this.ensureSession(true, now);
      return;
    }
    if (type === 'play' && !this.active) this.pendingPlayAt = now;
    if (type === 'pause' || type === 'emptied') this.pendingPlayAt = null;
    if (type === 'play') this.ensureSession(true, now);
    const a = this.active;
    if (!a) return;
    if (type === 'pause') a.pausedSince = now;
    if (type === 'play' || type === 'playing') a.pausedSince = null;
    if (type === 'resize') {
      this.checkResolution(now);
      return;
    }
    if (MACHINE_EVENTS.has(type)) {
      this.feed({ kind: 'event', type: type as never, now, obs: obs ?? this.observe() });
    }
    if (type === 'ended') this.end('ended', now);
  }

  private ensureSession(fromPlayEvent = false, now = this.deps.now()): void {
    if (this.active) return;
    const v = this.video;
    if (!v.currentSrc) return;
    if (v.offsetWidth < MIN_SIZE || v.offsetHeight < MIN_SIZE) return;
    const mse = v.currentSrc.startsWith('blob:');
    const intentAt = !fromPlayEvent
      ? null
      : playIntentAt({
          playAt: this.pendingPlayAt ?? now,
          loadstartAt: this.loadstartAt,
          readyPausedAt: this.readyPausedAt,
          manifestAt:
            mse && this.loadstartAt !== null ? this.deps.network.manifestStartBefore(this.loadstartAt) : null,
        });
    this.active = openSession(v, this.deps, now, intentAt);
    this.pendingPlayAt = null;
    this.deps.outbox.meta(this.active.meta);
    // The first sample opens the timeline at the moment the session started.
    this.sample(now, 0);
  }

  private feed(input: PlaybackInput): void {
    const a = this.active;
    if (!a) return;
    const { state, out } = step(a.machine, input);
    a.machine = state;
    for (const o of out) this.apply(a, o);
    if (out.length > 0) {
      this.sample(input.now);
      this.publish();
    }
  }

  private apply(a: Active, o: MachineOutput): void {
    switch (o.type) {
      case 'startup':
        a.startupMs = o.durationMs;
        this.pushEvent({
          kind: 'startup',
          t: o.at,
          mt: this.video.currentTime || 0,
          durationMs: o.durationMs,
        });
        return;
      case 'stall-start':
        a.lastStallAt = o.at;
        return;
      case 'stall-end':
        a.stalls++;
        a.stallMs += o.durationMs;
        a.lastStallAt = o.end;
        this.pushEvent({
          kind: 'stall',
          t: o.start,
          mt: o.mediaTime,
          durationMs: o.durationMs,
          bufferAhead: o.bufferAhead,
          cause: o.cause,
          hidden: o.hidden,
          ...(this.ending ? { cutShort: true as const } : {}),
        });
        return;
      case 'seek':
        this.pushEvent({ kind: 'seek', t: o.at, mt: o.from, toMt: o.to, durationMs: o.durationMs });
        return;
    }
  }

  private checkResolution(now: number): void {
    const a = this.active;
    if (!a) return;
    const { videoWidth: w, videoHeight: h } = this.video;
    if (w === a.w && h === a.h) return;
    if (w === 0 || h === 0) return;
    const drop = isDrop({ w: a.w, h: a.h }, { w, h });
    if (a.w > 0 && a.h > 0) {
      this.pushEvent({
        kind: 'resolution',
        t: now,
        mt: this.video.currentTime || 0,
        fromW: a.w,
        fromH: a.h,
        w,
        h,
        drop,
      });
      if (drop) a.lastDropAt = now;
    }
    a.w = w;
    a.h = h;
    this.sample(now);
    this.publish();
  }

  private pushEvent(e: DistributiveOmit<PlaybackEvent, 'sid' | 'seq'>): void {
    const a = this.active;
    if (!a) return;
    this.deps.outbox.event(a.meta, { ...e, sid: a.meta.id, seq: a.eventSeq++ } as PlaybackEvent);
  }

  private sample(now: number, forceDt?: number): void {
    const a = this.active;
    if (!a) return;
    const { sample: s, frames } = readSample(a, this.video, this.deps, now, forceDt);
    a.lastBr = s.br;
    a.sampleSeq++;
    a.frames = frames;
    a.lastSampleAt = now;
    if (!a.meta.codec) {
      const codec = this.deps.bridge.codecFor(a.src);
      if (codec) {
        a.meta = { ...a.meta, codec };
        this.deps.outbox.meta(a.meta);
      }
    }
    this.deps.outbox.sample(a.meta, s);
    a.spark.push([now, s.br, s.state === 'stalled' ? 1 : 0]);
    if (a.spark.length > SPARK_TAIL) a.spark.shift();
    if (s.seq % 2 === 0) this.publish();
  }

  private publish(): void {
    const a = this.active;
    if (a) this.deps.live(a.meta.id, liveSnapshot(a, this.video, this.deps.now()));
  }

  private observe(): Observation {
    return observe(this.video);
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
