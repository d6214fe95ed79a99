/**
 * When one <video>'s session opens and ends, as a pure reducer beside the playback machine:
 * `stepSession(state, input)` returns the new state and the commands the tracker carries out in order.
 * A session opens at a `play` (intent measured from its clues, intent.ts) or at a tick that finds the
 * element playing, once it has a source and a box of at least 50x50 CSS px; a `play` before the source
 * is chosen waits for the `loadstart`. It ends at `ended`, a new source (`loadstart`/`emptied`, or a
 * tick that sees `currentSrc` change), 10 minutes paused, or the caller's stop. The element's events
 * while open go to the playback machine (resize to the resolution check); a source change, resize and
 * rate change are not the machine's. Inputs are the browser's own (trusted) events and the tracker's
 * own readings of the element.
 */
import { MEDIA_EVENTS, type MediaEventType } from '@/utils/capture/media-events';
import type { SessionMeta } from '@/utils/schema/playback';
import type { IntentClues } from './intent';
import type { ElementEventType } from './playback-state';

export const MIN_SIZE_PX = 50;
export const IDLE_PAUSE_MS = 10 * 60 * 1000;

export type EndReason = NonNullable<SessionMeta['endReason']>;

/** What the tracker read off the element for this input. */
export interface ElementView {
  /** `currentSrc`: '' before a source is chosen. */
  src: string;
  paused: boolean;
  /** Its box in CSS px; null when not read (only opening needs it: see `needsBox`). */
  box: { w: number; h: number } | null;
}

export type SessionInput =
  | { kind: 'event'; type: MediaEventType; now: number; el: ElementView }
  /** The tracker's 250 ms observation. */
  | { kind: 'tick'; now: number; el: ElementView }
  /** The tracker has just attached to the element (it may already be playing). */
  | { kind: 'attach'; now: number; el: ElementView }
  /** The tracker ends the session itself: page hidden, SPA navigation, element removed, site unwatched. */
  | { kind: 'stop'; now: number; reason: EndReason };

export type SessionCommand =
  /** Open a session; `intent` is what the playback intent is measured from (null: no play seen). */
  | { type: 'open'; at: number; intent: Omit<IntentClues, 'manifestAt'> | null }
  | { type: 'end'; at: number; reason: EndReason }
  /** Pass the event to the playback machine. */
  | { type: 'machine'; event: ElementEventType; at: number }
  /** The tick's work on an open session: the playback machine's tick, the resolution, the 1 Hz sample. */
  | { type: 'tick'; at: number }
  | { type: 'resize'; at: number };

export interface SessionMachineState {
  /** The open session: the source it plays and since when it sits paused. */
  open: { src: string; pausedSince: number | null } | null;
  loadstartAt: number | null;
  /** When the element was first seen able to play while paused (canplay), since loadstart. */
  readyPausedAt: number | null;
  /** A `play` seen before the element had chosen its source (play() right after setting src). */
  pendingPlayAt: number | null;
}

export function createSessionMachine(): SessionMachineState {
  return { open: null, loadstartAt: null, readyPausedAt: null, pendingPlayAt: null };
}

/** The events the playback machine judges: every media event but a source change, a resize and a rate change. */
const NOT_JUDGED: ReadonlySet<MediaEventType> = new Set([
  'loadstart',
  'emptied',
  'resize',
  'ratechange',
] as const);
const MACHINE_EVENTS: ReadonlySet<string> = new Set(MEDIA_EVENTS.filter((t) => !NOT_JUDGED.has(t)));
function isMachineEvent(type: MediaEventType): type is MediaEventType & ElementEventType {
  return MACHINE_EVENTS.has(type);
}

/** Whether this input may open a session, so the tracker must read the element's box (a layout read). */
export function needsBox(state: SessionMachineState, src: string): boolean {
  return state.open === null || state.open.src !== src;
}

export function stepSession(
  state: SessionMachineState,
  input: SessionInput,
): { state: SessionMachineState; out: SessionCommand[] } {
  const s: SessionMachineState = { ...state, open: state.open && { ...state.open } };
  const out: SessionCommand[] = [];
  const end = (at: number, reason: EndReason) => {
    if (!s.open) return;
    out.push({ type: 'end', at, reason });
    s.open = null;
  };
  const tryOpen = (at: number, el: ElementView, fromPlay: boolean) => {
    if (s.open || !el.src || !el.box || el.box.w < MIN_SIZE_PX || el.box.h < MIN_SIZE_PX) return;
    const intent = fromPlay
      ? { playAt: s.pendingPlayAt ?? at, loadstartAt: s.loadstartAt, readyPausedAt: s.readyPausedAt }
      : null;
    out.push({ type: 'open', at, intent });
    s.open = { src: el.src, pausedSince: el.paused ? at : null };
    s.pendingPlayAt = null;
  };

  switch (input.kind) {
    case 'stop':
      end(input.now, input.reason);
      break;
    case 'attach':
      if (!input.el.paused) tryOpen(input.now, input.el, false);
      break;
    case 'tick': {
      const { now, el } = input;
      if (s.open && el.src !== s.open.src) end(now, 'source-change');
      else if (s.open?.pausedSince != null && now - s.open.pausedSince > IDLE_PAUSE_MS) {
        end(now, 'idle');
        break;
      }
      if (s.open) out.push({ type: 'tick', at: now });
      else if (!el.paused) tryOpen(now, el, false);
      break;
    }
    case 'event':
      onEvent(s, input, out, end, tryOpen);
      break;
  }
  return { state: s, out };
}

function onEvent(
  s: SessionMachineState,
  { type, now, el }: Extract<SessionInput, { kind: 'event' }>,
  out: SessionCommand[],
  end: (at: number, reason: EndReason) => void,
  tryOpen: (at: number, el: ElementView, fromPlay: boolean) => void,
) {
  if (type === 'loadstart') {
    s.loadstartAt = now;
    s.readyPausedAt = null;
  }
  if (type === 'canplay' && el.paused && s.readyPausedAt === null) s.readyPausedAt = now;
  if (type === 'loadstart' || type === 'emptied') {
    if (s.open && (type === 'emptied' || el.src !== s.open.src)) end(now, 'source-change');
    if (type === 'loadstart' && s.pendingPlayAt !== null && !el.paused) tryOpen(now, el, true);
    return;
  }
  if (type === 'play') {
    if (!s.open) s.pendingPlayAt = now;
    tryOpen(now, el, true);
  }
  if (type === 'pause') s.pendingPlayAt = null;
  const open = s.open;
  if (!open) return;
  if (type === 'pause') open.pausedSince = now;
  if (type === 'play' || type === 'playing') open.pausedSince = null;
  if (type === 'resize') out.push({ type: 'resize', at: now });
  else if (isMachineEvent(type)) out.push({ type: 'machine', event: type, at: now });
  if (type === 'ended') end(now, 'ended');
}
