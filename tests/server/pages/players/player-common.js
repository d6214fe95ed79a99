// Query-string options and helpers shared by the four player pages (dash/hls/shaka/plain).
// Query parameters (all optional):
//   src=<url>          media URL (each page has its own default)
//   autoplay=0|1       start playback on load (default 1)
//   muted=0|1          default 1, so autoplay never depends on browser policy
//   buffer=<seconds>   cap the forward buffer (on loopback players otherwise hold 30+ s, and never stall)
//   quality=<id|NNNp|index>  force one rendition from the start, ABR off
//   abr=0              ABR off, stay on the player's initial rendition
//   cmcd=1             CMCD in query mode (dash.js, hls.js, shaka)
//   cmcdMode=header    CMCD in request headers instead (dash.js)
(() => {
  const query = new URLSearchParams(location.search);

  function number(name) {
    const raw = query.get(name);
    if (raw === null || raw.trim() === '') return null;
    const n = Number(raw);
    return Number.isFinite(n) && n > 0 ? n : null;
  }

  function flag(name, fallback) {
    const raw = query.get(name);
    if (raw === null) return fallback;
    return raw !== '0' && raw !== 'false' && raw !== 'no';
  }

  const quality = query.get('quality');
  const config = {
    src: query.get('src'),
    autoplay: flag('autoplay', true),
    muted: flag('muted', true),
    buffer: number('buffer'),
    quality: quality === '' ? null : quality,
    abr: flag('abr', true) && !quality,
    cmcd: flag('cmcd', false),
    cmcdMode: query.get('cmcdMode') === 'header' ? 'header' : 'query',
  };

  /**
   * Finds a rendition by id ("720p" or a player id), by "<height>p", or by index in the list.
   * @param {{index: number, id: string, height: number}[]} list
   * @param {string|number} want
   */
  function matchRendition(list, want) {
    const key = String(want).trim();
    return (
      list.find((r) => r.id === key) ??
      list.find((r) => `${r.height}p` === key.toLowerCase()) ??
      (/^\d+$/.test(key) ? list.find((r) => r.index === Number(key)) : undefined) ??
      null
    );
  }

  /**
   * Publishes the page's control surface as window.__player:
   * { kind, instance, renditions(), current(), setQuality(want, immediate?), setAbr(on), play(), pause() }
   */
  function expose(api) {
    const video = document.getElementById('video');
    window.__player = {
      play() {
        window.SWTruth.intent('api');
        return video.play();
      },
      pause() {
        video.pause();
      },
      ...api,
    };
    startStatus(video);
  }

  /** One human-readable line under the video, for people watching the demo. */
  function startStatus(video) {
    const out = document.getElementById('status');
    if (!out) return;
    const render = () => {
      const p = window.__player;
      const cur = p?.current ? p.current() : null;
      const s = window.__truthSummary ? window.__truthSummary() : null;
      out.textContent = [
        `t=${video.currentTime.toFixed(1)}s`,
        `buffer=${window.SWTruth.bufferedAhead(video).toFixed(1)}s`,
        cur ? `rendition=${cur.id} (${Math.round(cur.bitrateKbps)} kbps, ${cur.width}x${cur.height})` : '',
        s ? `startup=${s.startupMs ?? '…'}ms rebuffers=${s.rebufferCount} (${s.rebufferMs}ms)` : '',
        video.paused ? 'paused' : video.readyState < 3 ? 'buffering' : 'playing',
      ]
        .filter(Boolean)
        .join('  ·  ');
    };
    setInterval(render, 500);
  }

  /** Absolute URL of the page's source: shaka's CMCD query rewriting breaks root-relative URLs. */
  function source(fallback) {
    return new URL(config.src ?? fallback, location.href).href;
  }

  window.SWPlayer = { config, source, matchRendition, expose };
})();
