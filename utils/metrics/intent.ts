/**
 * When did the viewer ask for playback? The element only shows us `play`, which an autoplaying
 * player calls once it has loaded enough — after the manifest, the MediaSource and the first
 * segments, all of which the viewer waited through. So: if the element never sat ready-but-paused
 * before `play`, loading was part of starting and intent is the source's `loadstart` (or, for MSE, the
 * start of the manifest request that preceded it); if it did sit
 * ready and paused (click-to-play), intent is the `play` itself.
 */
export const READY_PAUSED_MS = 500;
/** A loadstart this long before play is preloading, not starting. */
export const MAX_AUTOPLAY_LOAD_MS = 30_000;

export interface IntentClues {
  playAt: number;
  loadstartAt: number | null;
  /** When the element was first seen able to play (canplay) while paused, since loadstart. */
  readyPausedAt: number | null;
  /** Start of the manifest request that led to this source (MSE players fetch it before attaching). */
  manifestAt?: number | null;
}

export function playIntentAt({ playAt, loadstartAt, readyPausedAt, manifestAt = null }: IntentClues): number {
  if (loadstartAt === null || loadstartAt > playAt || playAt - loadstartAt > MAX_AUTOPLAY_LOAD_MS)
    return playAt;
  if (readyPausedAt !== null && playAt - readyPausedAt > READY_PAUSED_MS) return playAt;
  // The manifest was fetched to start this playback: the viewer waited through it too.
  if (manifestAt !== null && manifestAt <= loadstartAt && playAt - manifestAt <= MAX_AUTOPLAY_LOAD_MS) {
    return manifestAt;
  }
  return loadstartAt;
}
