/**
 * One <video> element: turns its events and a 250 ms observation tick into sessions of samples and
 * events. All judgement is in two pure reducers: when a session opens and ends (session-machine.ts),
 * and what is a stall, a seek, the startup (playback-machine.ts). This file only reads the element,
 * feeds them the browser's own (trusted) events, and routes what they say to the outbox and the badge.
 */

import type { NotedEvent } from '@/utils/capture/handoff';
import { MEDIA_EVENTS, type MediaEventType, observe, trustedMediaEvent } from '@/utils/capture/media-events';
import { type CmcdKeys, shouldLogCmcd } from '@/utils/metrics/cmcd-log';
import { playIntentAt } from '@/utils/metrics/intent';
import {
  type MachineOutput,
  type Observation,
  type PlaybackInput,
  step,
} from '@/utils/metrics/playback-machine';
import { isDrop } from '@/utils/metrics/resolution';
import {
  createSessionMachine,
  type ElementView,
  needsBox,
  type SessionCommand,
  type SessionInput,
  stepSession,
} from '@/utils/metrics/session-machine';
import { SPARK_TAIL } from '@/utils/metrics/spark';
import type { PlaybackEvent, SessionMeta } from '@/utils/schema/playback';
import type { MediaRequest } from './network';
import { liveSnapshot, readSample } from './readings';
import { type Active, openSession, type TrackerDeps } from './session';

export type { TrackerDeps } from './session';

export class VideoTracker {
  private active: Active | null = null;
  /** When sessions open and end (utils/metrics/session-machine.ts). */
  private sessions = createSessionMachine();
  /** An event can reach us twice: passed in by the document listener that created us, then at the target. */
  private readonly seen = new WeakSet<Event>();
  private readonly onEvent = (ev: Event) => {
    if (this.seen.has(ev)) return;
    this.seen.add(ev);
    // Only the browser's own events: a page can dispatch `waiting` or `ended` on its video at will.
    const type = trustedMediaEvent(ev);
    if (type) this.handle(type, this.deps.now());
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
    this.run({ kind: 'attach', now: deps.now(), el: this.view() });
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
    this.run({ kind: 'tick', now: this.deps.now(), el: this.view() });
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

  /** Ends the open session, if any: the page went away, the site was turned off, the element removed. */
  end(reason: NonNullable<SessionMeta['endReason']>, now = this.deps.now()): void {
    this.run({ kind: 'stop', now, reason });
  }

  /** An element event at `now`; `obs` is the element's state then, when it is not now (a noted event). */
  private handle(type: MediaEventType, now: number, obs?: Observation): void {
    this.run({ kind: 'event', type, now, el: this.view() }, obs);
  }

  private run(input: SessionInput, obs?: Observation): void {
    const { state, out } = stepSession(this.sessions, input);
    this.sessions = state;
    for (const command of out) this.carry(command, obs);
  }

  /** Does what the session machine says, in its order. */
  private carry(c: SessionCommand, obs?: Observation): void {
    if (c.type === 'open') this.open(c);
    else if (c.type === 'end') this.close(c.at, c.reason);
    else if (c.type === 'machine')
      this.feed({ kind: 'event', type: c.event, now: c.at, obs: obs ?? this.observe() });
    else if (c.type === 'resize') this.checkResolution(c.at);
    else {
      this.feed({ kind: 'tick', now: c.at, obs: this.observe() });
      this.checkResolution(c.at);
      if (this.active && c.at - this.active.lastSampleAt >= 1000) this.sample(c.at);
    }
  }

  /**
   * The element as the session machine reads it, now (also for a noted event, as before the reducer:
   * intent.ts's ready-paused rule is tuned on that); its box only when a session may open (a layout read).
   */
  private view(): ElementView {
    const v = this.video;
    const src = v.currentSrc;
    return {
      src,
      paused: v.paused,
      box: needsBox(this.sessions, src) ? { w: v.offsetWidth, h: v.offsetHeight } : null,
    };
  }

  private open({ at, intent }: Extract<SessionCommand, { type: 'open' }>): void {
    const v = this.video;
    const mse = v.currentSrc.startsWith('blob:');
    const intentAt = intent
      ? playIntentAt({
          ...intent,
          manifestAt:
            mse && intent.loadstartAt !== null
              ? this.deps.network.manifestStartBefore(intent.loadstartAt)
              : null,
        })
      : null;
    this.active = openSession(v, this.deps, at, intentAt);
    this.deps.outbox.meta(this.active.meta);
    // The first sample opens the timeline at the moment the session started.
    this.sample(at, 0);
  }

  private close(now: number, reason: NonNullable<SessionMeta['endReason']>): void {
    const a = this.active;
    if (!a) return;
    this.feed({ kind: 'close', now, obs: this.observe() });
    this.sample(now);
    a.meta = { ...a.meta, endedAt: now, endReason: reason };
    this.deps.outbox.meta(a.meta);
    this.deps.live(a.meta.id, null);
    this.active = null;
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
          ...(o.cutShort ? { cutShort: o.cutShort } : {}),
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
