/**
 * The content script: in every frame of a watched page, from document_start. It stays small because
 * most frames never play a video (ads, comments, sign-in widgets): it learns from the MAIN-world probe
 * (entrypoints/probe.content, injected next to it) the name its batches come under, and when a <video>
 * shows up it asks the worker for the tracker (entrypoints/video-tracker), which does the
 * measuring. Until the tracker arrives it notes the probe's batches and the video's events
 * (utils/capture/handoff.ts), and the tracker replays them. A media event the page forged (not
 * `isTrusted`) is neither noted nor a reason to ask for the tracker. When the extension is reloaded or
 * updated this copy is orphaned: WXT's context invalidates, and the tracker's timers and listeners, which
 * hang on the same context, go with it.
 */
import { type CaptureHandoff, HANDOFF_KEY, Notebook } from '@/utils/capture/handoff';
import { MEDIA_EVENTS, trustedMediaEvent } from '@/utils/capture/media-events';
import { onWorkerMessage, sendToWorker } from '@/utils/capture/worker-channel';
import { awaitChannel } from '@/utils/messaging/probe-channel';
import type { ContentAnswer, ContentMessage } from '@/utils/messaging/protocol';
import { defaultMatchPatterns } from '@/utils/sites';

export default defineContentScript({
  // Test builds add the local test origins in wxt.config.ts; the shipped list is the named services.
  // Sites the user turns on get this same script through a dynamic registration (background/watch.ts).
  matches: defaultMatchPatterns(),
  runAt: 'document_start',
  allFrames: true,
  // WXT would otherwise window.postMessage a "content script started" message naming the extension's
  // id, which any page can read; its same-document event is enough to stop an older copy.
  noScriptStartedPostMessage: true,
  main(ctx) {
    /** The probe's event name: set during document_start, when both scripts meet (probe-channel.ts). */
    let channel: string | null = null;

    const notes = new Notebook(() => Date.now());
    let claimed = false;
    let asked = false;
    let stopping = false;

    const send = async <M extends ContentMessage>(msg: M): Promise<ContentAnswer<M['type']> | undefined> => {
      if (ctx.isInvalid) return undefined;
      return sendToWorker(msg);
    };
    /** Once per page: a failed ask (worker restarting) is tried again at the next video event. */
    const askForTracker = () => {
      if (asked || claimed || stopping) return;
      asked = true;
      send({ type: 'startTracker' }).then(
        (r) => {
          if (r?.ok !== true) asked = false;
        },
        () => {
          asked = false;
        },
      );
    };

    const onProbe = (ev: Event) => notes.batch((ev as CustomEvent<unknown>).detail);
    // Media events do not bubble, but they do pass the capture phase of the document.
    const onMedia = (ev: Event) => {
      const type = trustedMediaEvent(ev);
      if (!type || !(ev.target instanceof HTMLVideoElement)) return;
      notes.event(type, ev.target);
      askForTracker();
    };
    let listening = false;
    const listen = (on: boolean) => {
      listening = on;
      const method = on ? 'addEventListener' : 'removeEventListener';
      if (channel) window[method](channel, onProbe);
      for (const type of MEDIA_EVENTS) document[method](type, onMedia, { capture: true });
    };
    listen(true);
    ctx.onInvalidated(
      awaitChannel(window, (name) => {
        channel = name;
        if (listening) window.addEventListener(name, onProbe);
      }),
    );
    ctx.onInvalidated(() => listen(false));
    // A video already in the page: the extension was just installed or updated under a playing tab.
    const scan = () => {
      if (document.querySelector('video')) askForTracker();
    };
    if (document.readyState === 'loading') ctx.addEventListener(document, 'DOMContentLoaded', scan);
    else scan();

    const handoff: CaptureHandoff = {
      ctx,
      claim() {
        if (claimed || ctx.isInvalid) return null;
        claimed = true;
        listen(false);
        return { probe: notes.probe, media: notes.media, sizes: notes.sizes };
      },
      send,
      get channel() {
        return channel;
      },
      beforeStop: null,
      /**
       * The user turned this site off: the tracker ends its sessions and sends what it recorded, then the
       * context is invalidated, which clears every timer and listener; the page notices nothing.
       */
      async stop() {
        if (stopping || ctx.isInvalid) return;
        stopping = true;
        await handoff.beforeStop?.().catch(() => undefined);
        ctx.abort('site no longer watched');
      },
    };
    (globalThis as { [HANDOFF_KEY]?: CaptureHandoff })[HANDOFF_KEY] = handoff;

    // contentPing lets the worker see this copy is alive, so it does not inject a second one after an
    // update; watchRevoked says some site was turned off, perhaps this one.
    const stopListening = onWorkerMessage({
      contentPing: () => !stopping,
      // A progressive file's size, sent as the response arrives: often before the tracker does.
      mediaSize: (m) => {
        if (!claimed) notes.size(m);
        return undefined;
      },
      watchRevoked: () => {
        void send({ type: 'watchStatus' })
          .catch(() => undefined)
          .then((r) => (r?.ok && !r.watched ? handoff.stop() : undefined));
        return undefined;
      },
    });
    ctx.onInvalidated(stopListening);
  },
});
