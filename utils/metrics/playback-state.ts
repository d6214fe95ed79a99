/**
 * The playback machine's shapes: what the content script feeds it, what it says back, and the state it
 * threads through `step` (playback-machine.ts). Plain data only, so a session can be replayed from a table.
 */
import type { PlayState } from '@/utils/schema/playback';

export interface Observation {
  currentTime: number;
  paused: boolean;
  seeking: boolean;
  ended: boolean;
  readyState: number;
  bufferedAhead: number;
  playbackRate: number;
}

export type ElementEventType =
  | 'play'
  | 'playing'
  | 'waiting'
  | 'pause'
  | 'seeking'
  | 'seeked'
  | 'ended'
  | 'loadstart'
  | 'emptied'
  | 'stalled'
  | 'canplay'
  | 'timeupdate';

export type PlaybackInput =
  | { kind: 'event'; type: ElementEventType; now: number; obs: Observation }
  | { kind: 'tick'; now: number; obs: Observation }
  | { kind: 'visibility'; now: number; hidden: boolean; obs: Observation }
  /** The caller ends the session (source change, page hidden, removed): what is open is cut short. */
  | { kind: 'close'; now: number; obs: Observation };

export type StallCause = 'network' | 'decoder';

export type MachineOutput =
  | { type: 'startup'; at: number; durationMs: number }
  | { type: 'stall-start'; at: number; mediaTime: number; bufferAhead: number; hidden: boolean }
  | {
      type: 'stall-end';
      start: number;
      end: number;
      durationMs: number;
      mediaTime: number;
      bufferAhead: number;
      cause: StallCause;
      hidden: boolean;
      /** Closed by the caller's `close`, not by the playhead moving or a pause, seek or end. */
      cutShort?: true;
    }
  | { type: 'seek'; at: number; from: number; to: number; durationMs: number };

/** A frozen playhead for this long while playback is intended is a stall (mux-embed). */
export const STALL_AFTER_MS = 1000;
/** Wall time beyond media time between two progress observations that counts as a missed stall. */
export const SHORT_STALL_MS = 250;
/** How long after a `waiting` the playhead is looked at to confirm it (a playing one has moved 10 ms). */
export const STALL_CONFIRM_MS = 10;
/** Less than this buffered ahead when a stall starts: the network ran dry, not the decoder. */
export const DRY_BUFFER_S = 0.5;

export interface OpenStall {
  start: number;
  mediaTime: number;
  bufferAhead: number;
  hidden: boolean;
  /** The element reported too little data to play when the stall began. */
  starved: boolean;
}
/** A `waiting` not yet confirmed by a frozen playhead: where and when the element said it waits. */
export interface PendingWaiting {
  at: number;
  mt: number;
  bufferAhead: number;
  readyState: number;
  hidden: boolean;
}
export interface OpenSeek {
  at: number;
  from: number;
  to: number;
  seekedAt: number | null;
}

export interface MachineState {
  phase: PlayState;
  hidden: boolean;
  /** Play intent still waiting for its first frame. */
  intentAt: number | null;
  started: boolean;
  ended: boolean;
  /** Playback was intended at the previous observation (started, not paused, seeking or ended). */
  intended: boolean;
  lastAt: number | null;
  lastMt: number;
  /** Where the playhead last moved (or where intended playback began): the stall back-dating point. */
  anchorAt: number;
  anchorMt: number;
  anchorBuf: number;
  /** A `playing` event not yet followed by an observed advance: the best end of a wait. */
  playingAt: number | null;
  waiting: PendingWaiting | null;
  stall: OpenStall | null;
  seek: OpenSeek | null;
}

export function createMachine(opts: { hidden?: boolean } = {}): MachineState {
  return {
    phase: 'paused',
    hidden: opts.hidden ?? false,
    intentAt: null,
    started: false,
    ended: false,
    intended: false,
    lastAt: null,
    lastMt: 0,
    anchorAt: 0,
    anchorMt: 0,
    anchorBuf: 0,
    playingAt: null,
    waiting: null,
    stall: null,
    seek: null,
  };
}
