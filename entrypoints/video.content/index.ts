/**
 * Isolated-world content script: injects the MAIN-world probe, finds every <video> in this frame,
 * and runs one 250 ms timer for all of them. When the extension is reloaded or updated this copy is
 * orphaned: WXT's context invalidates, and every timer and listener here goes with it.
 */

import { parseCmcdPayload } from '@/utils/analysis/cmcd';
import { MAX_CMCD_HEADER_CHARS } from '@/utils/messaging/limits';
import type { BatchAck, ContentRequest, LiveSnapshot, RecordBatch } from '@/utils/messaging/worker-protocol';
import { playheadAgo } from '@/utils/metrics/bitrate';
import { cmcdKeys } from '@/utils/metrics/cmcd-log';
import { defaultMatchPatterns } from '@/utils/sites';
import { NetworkMeter } from './network';
import { Outbox } from './outbox';
import { ProbeBridge } from './probe-bridge';
import { pageIdentity } from './session-identity';
import { VideoTracker } from './tracker';
import { onWorkerMessage, sendToWorker } from './worker-channel';

const TICK_MS = 250;
const FLUSH_MS = 3000;

export default defineContentScript({
  // Test builds add the local test origins in wxt.config.ts; the shipped list is the named services.
  // Sites the user turns on get this same script through a dynamic registration (background/watch.ts).
  matches: defaultMatchPatterns(),
  runAt: 'document_start',
  allFrames: true,
  async main(ctx) {
    const bridge = new ProbeBridge(() => Date.now());
    ctx.onInvalidated(bridge.attach(window));
    void injectScript('/page-probe.js', { keepInDom: false }).catch(() => undefined);

    const send = async (msg: ContentRequest): Promise<unknown> => {
      if (ctx.isInvalid) return undefined;
      return sendToWorker(msg);
    };
    const outbox = new Outbox(async (batch: RecordBatch) => {
      const ack = (await send(batch)) as BatchAck | undefined;
      if (ack?.ok && ack.unwatched) void stop();
      return ack;
    });
    const network = new NetworkMeter(performance.timeOrigin);
    network.start();
    ctx.onInvalidated(() => network.stop());

    const live = (sid: string, snapshot: LiveSnapshot | null) => {
      const msg: ContentRequest = snapshot ? { type: 'live', snapshot } : { type: 'liveEnded', sid };
      void send(msg).catch(() => undefined);
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
    const track = (v: HTMLVideoElement, trigger?: Event) => {
      if (!trackers.has(v)) trackers.set(v, new VideoTracker(v, deps, trigger));
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

    // Media events do not bubble, but they do pass the capture phase of the document.
    ctx.addEventListener(
      document,
      'loadstart',
      (e) => e.target instanceof HTMLVideoElement && track(e.target, e),
      {
        capture: true,
      },
    );
    ctx.addEventListener(
      document,
      'play',
      (e) => e.target instanceof HTMLVideoElement && track(e.target, e),
      {
        capture: true,
      },
    );
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

    if (document.readyState === 'loading') {
      ctx.addEventListener(document, 'DOMContentLoaded', scan);
    } else scan();
    /**
     * The user turned this site off: end the sessions, send what was recorded until now, and go quiet.
     * Invalidating the context clears every timer and listener above; the page notices nothing.
     */
    let stopping = false;
    async function stop(): Promise<void> {
      if (stopping || ctx.isInvalid) return;
      stopping = true;
      for (const t of trackers.values()) t.detach('unwatched');
      trackers.clear();
      await outbox.flush().catch(() => undefined);
      ctx.abort('site no longer watched');
    }
    const recheck = async () => {
      const r = (await send({ type: 'watchStatus' }).catch(() => undefined)) as
        | { watched?: unknown }
        | undefined;
      if (r?.watched === false) await stop();
    };

    // contentPing lets the worker see this copy is alive, so it does not inject a second one after an
    // update; watchRevoked says some site was turned off, perhaps this one.
    const stopListening = onWorkerMessage((m) => {
      const type = (m as { type?: unknown } | null)?.type;
      if (type === 'contentPing') return !stopping;
      if (type === 'watchRevoked') void recheck();
      if (type === 'cmcdHeaders') {
        // CMCD headers of a request this frame made, observed by the worker (cmcd-headers.ts).
        const payload = (m as { payload?: unknown }).payload;
        const keys =
          typeof payload === 'string' && payload.length <= MAX_CMCD_HEADER_CHARS
            ? cmcdKeys(parseCmcdPayload(payload))
            : null;
        if (keys) [...trackers.values()].find((t) => t.playing)?.recordCmcd(keys, Date.now());
      }
      return undefined;
    });
    ctx.onInvalidated(stopListening);
    void send({ type: 'hello', frameHost: location.hostname }).catch(() => undefined);
  },
});
