/**
 * The tracker: injected by the worker into a frame of a watched page once a <video> shows up there
 * (the content script asks, background/router.ts injects). It finds every <video> in the frame, runs
 * one 250 ms timer for all of them, parses the probe's batches and sends the records to the worker. It
 * takes over from the content script through the handoff (utils/capture/handoff.ts): what happened
 * before it arrived is replayed with its own times, and its timers and listeners hang on the content
 * script's context, so an orphaned copy stops with it.
 */
import { parseCmcdPayload } from '@/utils/analysis/cmcd';
import { findHandoff, type NotedEvent } from '@/utils/capture/handoff';
import { trustedMediaEvent } from '@/utils/capture/media-events';
import { onWorkerMessage } from '@/utils/capture/worker-channel';
import { LiveCoalescer } from '@/utils/messaging/live-coalescer';
import { parseMediaSize } from '@/utils/messaging/media-size';
import type { LiveSnapshot, RecordBatch } from '@/utils/messaging/worker-protocol';
import { playheadAgo } from '@/utils/metrics/bitrate';
import { cmcdKeys } from '@/utils/metrics/cmcd-log';
import { mergeSpark, SPARK_WINDOW } from '@/utils/metrics/spark';
import { NetworkMeter } from './network';
import { Outbox } from './outbox';
import { ProbeBridge } from './probe-bridge';
import { pageIdentity } from './session-identity';
import { VideoTracker } from './tracker';

const TICK_MS = 250;
const FLUSH_MS = 3000;
/** Live messages from this frame: 2 a second at most (a page firing forged events must not flood the worker). */
const LIVE_SEND_RATE = { capacity: 1, perSecond: 2 };

export default defineUnlistedScript(() => {
  const handoff = findHandoff();
  const notes = handoff?.claim();
  if (!handoff || !notes) return;
  const { ctx, send } = handoff;

  const bridge = new ProbeBridge(() => Date.now());
  const outbox = new Outbox(async (batch: RecordBatch) => {
    const ack = await send(batch);
    if (ack?.ok && ack.unwatched) void handoff.stop();
    return ack;
  });
  const network = new NetworkMeter(performance.timeOrigin);
  network.start();
  ctx.onInvalidated(() => network.stop());

  // The newest snapshot of each session waits for the rate; sparkline points of one it replaces are kept.
  const liveOut = new LiveCoalescer<LiveSnapshot>(LIVE_SEND_RATE, Date.now(), (older, newer) => ({
    ...newer,
    spark: mergeSpark(older.spark, newer.spark, SPARK_WINDOW),
  }));
  const announced = new Set<string>();
  let liveTimer = false;
  const sendLive = () => {
    const now = Date.now();
    for (const [sid, snapshot] of liveOut.take(now, 1) ?? []) {
      if (snapshot) announced.add(sid);
      else announced.delete(sid);
      void send(snapshot ? { type: 'live', snapshot } : { type: 'liveEnded', sid }).catch(() => undefined);
    }
    const at = liveOut.nextAt(now);
    if (at === null || liveTimer) return;
    liveTimer = true;
    ctx.setTimeout(() => {
      liveTimer = false;
      sendLive();
    }, at - now);
  };
  const live = (sid: string, snapshot: LiveSnapshot | null) => {
    if (snapshot) {
      liveOut.offer(sid, snapshot);
      sendLive();
      return;
    }
    // An end goes at once, never behind the rate: capture may be stopping (site turned off), and its
    // timers go with this context. A pending snapshot of the session is dropped, so none comes after
    // it; a session the worker never heard of needs no end.
    liveOut.forget(sid);
    if (!announced.delete(sid)) return;
    void send({ type: 'liveEnded', sid }).catch(() => undefined);
  };
  const deps = {
    now: () => Date.now(),
    identity: pageIdentity(),
    outbox,
    bridge,
    network,
    live,
    isHidden: () => document.visibilityState === 'hidden',
  };
  const trackers = new Map<HTMLVideoElement, VideoTracker>();
  bridge.playheadOf = (url, ageMs) => {
    for (const v of trackers.keys())
      if (v.currentSrc === url) return playheadAgo(v.currentTime, v.paused, v.playbackRate, ageMs);
    return undefined;
  };
  const track = (v: HTMLVideoElement, trigger?: Event, noted?: NotedEvent[]) => {
    if (!trackers.has(v)) trackers.set(v, new VideoTracker(v, deps, trigger, noted));
  };
  const scan = () => {
    for (const v of document.querySelectorAll('video')) track(v);
    for (const [v, t] of trackers) {
      if (!v.isConnected) {
        t.detach('removed');
        trackers.delete(v);
      }
    }
  };

  // What happened before this script arrived, in order: the elements' events, then the probe's batches
  // (whose appends need to know where each element's playhead was).
  for (const [v, noted] of notes.media) track(v, undefined, noted);
  for (const [at, detail] of notes.probe) bridge.receive(detail, at);
  const noteSize = (m: unknown) => {
    const size = parseMediaSize(m);
    if (size) network.noteMediaSize(size.url, size.bytes);
  };
  for (const m of notes.sizes) noteSize(m);
  ctx.onInvalidated(bridge.attach(window, handoff.channel));

  // Media events do not bubble, but they do pass the capture phase of the document. A forged one (not
  // the browser's) is ignored: the scan still finds its video.
  const onMedia = (e: Event) =>
    trustedMediaEvent(e) && e.target instanceof HTMLVideoElement && track(e.target, e);
  ctx.addEventListener(document, 'loadstart', onMedia, { capture: true });
  ctx.addEventListener(document, 'play', onMedia, { capture: true });
  ctx.addEventListener(document, 'visibilitychange', () => {
    for (const t of trackers.values()) t.visibility(document.visibilityState === 'hidden');
  });
  ctx.addEventListener(window, 'pagehide', () => {
    for (const t of trackers.values()) t.end('pagehide');
    void outbox.flush();
  });

  let href = location.href;
  let ticks = 0;
  ctx.setInterval(() => {
    ticks++;
    if (location.href !== href) {
      // SPA navigation (pushState): what plays from here on is a new session.
      href = location.href;
      for (const t of trackers.values()) t.end('navigation');
    }
    if (ticks % 4 === 0) {
      scan();
      const reqs = network.takeRequests();
      const target = [...trackers.values()].find((t) => t.playing);
      if (target && reqs.length > 0) target.recordRequests(reqs);
    }
    for (const t of trackers.values()) t.tick();
  }, TICK_MS);
  ctx.setInterval(() => void outbox.flush(), FLUSH_MS);
  ctx.onInvalidated(() => {
    for (const t of trackers.values()) t.detach('removed');
    trackers.clear();
  });
  scan();

  // The site was turned off (handoff.stop): end the sessions and send what was recorded until now.
  handoff.beforeStop = async () => {
    for (const t of trackers.values()) t.detach('unwatched');
    trackers.clear();
    await outbox.flush();
  };

  // CMCD headers of a request this frame made, observed by the worker (background/cmcd-headers.ts), and
  // the size of a file it fetched (background/media-size.ts).
  const stopListening = onWorkerMessage({
    mediaSize: (m) => {
      noteSize(m);
      return undefined;
    },
    cmcdHeaders: ({ payload }) => {
      // readTabMessage has checked the payload's type and length.
      const keys = cmcdKeys(parseCmcdPayload(payload));
      if (keys) [...trackers.values()].find((t) => t.playing)?.recordCmcd(keys, Date.now());
      return undefined;
    },
  });
  ctx.onInvalidated(stopListening);
});
