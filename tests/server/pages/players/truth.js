// Ground-truth recorder shared by every test page. Load it first, as a classic script in <head>:
//   <script src="/players/truth.js" data-player="dash"></script>
// It records what the page itself knows (video element events, the player's own rendition switches) into
// window.__truth, and window.__truthSummary() derives startup / rebuffering / frames from that record, so
// tests can compare the extension's measurements with an independent source.
// Media events do not bubble, so they are captured on document: that also covers <video> elements created
// later (SPA content swaps, src swaps, several videos on one page). Each record names its element in `target`.
(() => {
  const script = document.currentScript;
  const player = (script instanceof HTMLScriptElement && script.dataset.player) || 'plain';

  const MEDIA_EVENTS = [
    'loadstart',
    'loadedmetadata',
    'loadeddata',
    'canplay',
    'play',
    'playing',
    'waiting',
    'seeking',
    'seeked',
    'pause',
    'resize',
    'ended',
    'stalled',
    'error',
    'emptied',
  ];

  /** @type {{player: string, events: object[], switches: object[], errors: object[]}} */
  const truth = { player, events: [], switches: [], errors: [] };
  window.__truth = truth;

  let nextTargetId = 0;
  /** Stable name of a video element: its id, else a generated one kept on the element. */
  function targetName(video) {
    if (video.id) return video.id;
    if (!video.dataset.truthId) video.dataset.truthId = `video-${nextTargetId++}`;
    return video.dataset.truthId;
  }

  /** Seconds buffered ahead of the playhead (small tolerance: Chrome's first range often starts at ~0.02 s). */
  function bufferedAhead(video) {
    const t = video.currentTime;
    for (let i = 0; i < video.buffered.length; i++) {
      if (video.buffered.start(i) <= t + 0.3 && t <= video.buffered.end(i)) return video.buffered.end(i) - t;
    }
    return 0;
  }

  function primaryVideo() {
    const byId = document.getElementById('video');
    return byId instanceof HTMLVideoElement ? byId : document.querySelector('video');
  }

  function record(type, video, extra) {
    const v = video ?? primaryVideo();
    const entry = {
      type,
      wall: Date.now(),
      perf: performance.now(),
      currentTime: v ? v.currentTime : 0,
      readyState: v ? v.readyState : 0,
      paused: v ? v.paused : true,
      videoWidth: v ? v.videoWidth : 0,
      videoHeight: v ? v.videoHeight : 0,
      bufferedAhead: v ? bufferedAhead(v) : 0,
      target: v ? targetName(v) : '',
      ...extra,
    };
    truth.events.push(entry);
    return entry;
  }

  // `advance` is synthetic: the first timeupdate after a `playing` whose currentTime moved, i.e. proof that
  // the `playing` really led to playback (startup is measured to a `playing` that advanced).
  const awaitingAdvance = new WeakMap();
  for (const type of MEDIA_EVENTS) {
    document.addEventListener(
      type,
      (event) => {
        const video = event.target;
        // What the browser itself reported: an event a script dispatched (forged-events.spec.ts) is not
        // something the player did.
        if (!(video instanceof HTMLVideoElement) || !event.isTrusted) return;
        const extra =
          type === 'error' && video.error ? { detail: `${video.error.code} ${video.error.message}` } : {};
        const entry = record(type, video, extra);
        if (type === 'playing') awaitingAdvance.set(video, entry.currentTime);
        if (type === 'error') recordError(`media error ${extra.detail ?? ''}`.trim());
      },
      true,
    );
  }
  document.addEventListener(
    'timeupdate',
    (event) => {
      const video = event.target;
      if (!(video instanceof HTMLVideoElement) || !awaitingAdvance.has(video) || video.paused) return;
      if (video.currentTime > awaitingAdvance.get(video)) {
        awaitingAdvance.delete(video);
        record('advance', video);
      }
    },
    true,
  );

  function recordError(message) {
    truth.errors.push({ wall: Date.now(), message: String(message) });
  }
  window.addEventListener('error', (e) => recordError(e.message));
  window.addEventListener('unhandledrejection', (e) => recordError(`unhandled rejection: ${e.reason}`));

  /**
   * A rendition change reported by the player's own API.
   * @param {{id?: string, bitrateKbps?: number, width?: number, height?: number, source: string, rendered?: boolean}} change
   *   rendered: true when the player reports the rendition is now on screen (dash.js QUALITY_CHANGE_RENDERED,
   *   hls.js LEVEL_SWITCHED, shaka mediaqualitychanged); false for decisions (shaka adaptation/variantchanged).
   */
  function recordSwitch(change) {
    const v = primaryVideo();
    truth.switches.push({
      wall: Date.now(),
      perf: performance.now(),
      currentTime: v ? v.currentTime : 0,
      rendered: true,
      ...change,
    });
  }

  /** The page decided to start playback (autoplay start, or a scripted play()). Startup is measured from here. */
  function intent(reason) {
    record('intent', primaryVideo(), { detail: reason });
  }

  function summary(targetId) {
    const video = targetId
      ? document.querySelector(`#${CSS.escape(targetId)}, [data-truth-id="${targetId}"]`)
      : primaryVideo();
    const target = targetId ?? (video ? targetName(video) : undefined);
    const events = truth.events.filter((e) => e.target === target);
    const now = Date.now();

    const intentEvent = events.find((e) => e.type === 'intent' || e.type === 'play');
    const firstPlay = events.find((e) => e.type === 'play');
    let startupPlaying = null;
    let startupIndex = -1;
    let lastPlaying = null;
    events.forEach((e, i) => {
      if (startupPlaying) return;
      if (e.type === 'playing') lastPlaying = { e, i };
      if (e.type === 'advance' && lastPlaying) {
        startupPlaying = lastPlaying.e;
        startupIndex = lastPlaying.i;
      }
    });

    const rebuffers = [];
    let open = null;
    let seeking = false;
    const close = (e, endedBy) => {
      if (!open) return;
      rebuffers.push({ ...open, end: e.wall, durationMs: e.wall - open.start, endedBy, ongoing: false });
      open = null;
    };
    for (const e of startupIndex >= 0 ? events.slice(startupIndex + 1) : []) {
      if (e.type === 'seeking') {
        close(e, 'seeking');
        seeking = true;
      } else if (e.type === 'seeked' && e.paused) seeking = false;
      else if (e.type === 'playing') {
        close(e, 'playing');
        seeking = false;
      } else if (e.type === 'waiting' && !seeking && !open) open = { start: e.wall, position: e.currentTime };
      else if (e.type === 'pause' || e.type === 'ended' || e.type === 'emptied') close(e, e.type);
    }
    if (open)
      rebuffers.push({ ...open, end: null, durationMs: now - open.start, endedBy: null, ongoing: true });

    const quality =
      video && typeof video.getVideoPlaybackQuality === 'function' ? video.getVideoPlaybackQuality() : null;
    return {
      player,
      target,
      intentWall: intentEvent ? intentEvent.wall : null,
      firstPlayWall: firstPlay ? firstPlay.wall : null,
      firstPlayingWall: startupPlaying ? startupPlaying.wall : null,
      startupMs: intentEvent && startupPlaying ? startupPlaying.wall - intentEvent.wall : null,
      rebuffers,
      rebufferCount: rebuffers.length,
      rebufferMs: rebuffers.reduce((sum, r) => sum + r.durationMs, 0),
      switches: truth.switches.filter((s) => s.rendered).length,
      framesDecoded: quality ? quality.totalVideoFrames : null,
      framesDropped: quality ? quality.droppedVideoFrames : null,
      currentTime: video ? video.currentTime : null,
      paused: video ? video.paused : null,
      errors: truth.errors.length,
    };
  }

  window.__truthSummary = summary;
  window.SWTruth = { intent, recordSwitch, recordError, record, summary, bufferedAhead };
})();
