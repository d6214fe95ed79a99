/**
 * One video's playback as a pure reducer (mux-embed's rules, REFERENCE.md): `step(state, input)`.
 * A stall needs a frozen playhead seen in the caller's own observations: a `waiting` is only a candidate,
 * a stall from the event if the first observation ≥ 10 ms later finds the playhead has covered less than
 * half of that time (else dropped); a stall found by ticks (≥ 1 s frozen) is back-dated to the last
 * observed progress. A wait (startup, stall, seek) ends at a `playing` event seen after the last frozen
 * observation, else at now − Δmedia/rate, never before that frozen observation. Pause, seek, end and
 * the caller's `close` cut a stall (it counts up to then; `close` marks it cut short). Seeks before the
 * first frame are startup; attaching mid-play gives no startup. Events are the browser's own (trusted).
 */
import type { PlayState } from '@/utils/schema/playback';
import {
  DRY_BUFFER_S,
  type MachineOutput,
  type MachineState,
  type PlaybackInput,
  SHORT_STALL_MS,
  STALL_AFTER_MS,
  STALL_CONFIRM_MS,
  type StallCause,
} from './playback-state';

export * from './playback-state';

const MOVED_S = 0.001;
const HAVE_FUTURE_DATA = 3;

export function step(
  state: MachineState,
  input: PlaybackInput,
): { state: MachineState; out: MachineOutput[] } {
  const s: MachineState = { ...state };
  const out: MachineOutput[] = [];
  const { now, obs } = input;
  const ev = input.kind === 'event' ? input.type : null;
  const closing = input.kind === 'close';
  const mt = Number.isFinite(obs.currentTime) ? obs.currentTime : s.lastMt;
  const rate = Number.isFinite(obs.playbackRate) && obs.playbackRate > 0 ? obs.playbackRate : 0;

  if (input.kind === 'visibility') {
    s.hidden = input.hidden;
    if (s.stall && input.hidden) s.stall = { ...s.stall, hidden: true };
  }
  if ((ev === 'loadstart' || ev === 'emptied') && s.started) {
    finish(s, now, out);
    s.started = false;
  }
  if (ev === 'play' && !s.started && s.intentAt === null) s.intentAt = now;
  if (ev === 'playing') s.playingAt = now;
  if (ev === 'waiting' || ev === 'seeking') s.playingAt = null;

  const jumped = obs.seeking || ev === 'seeking';
  // Before anything else ends the wait: a stall confirmed here is then cut by a pause, seek or end.
  const confirmed = confirmWaiting(s, now, mt, rate, jumped, out);

  if (obs.ended || ev === 'ended' || closing) {
    finish(s, now, out, closing);
    s.ended = true;
    return { state: settle(s, now, mt), out };
  }
  s.ended = false;

  // Opening a seek makes playback unintended, which ends an open stall below (a seek ends a stall).
  if (jumped && s.started) {
    s.seek = s.seek
      ? { ...s.seek, to: mt, seekedAt: null }
      : { at: now, from: s.lastMt, to: mt, seekedAt: null };
  }
  if (s.seek && !obs.seeking && s.seek.seekedAt === null) s.seek = { ...s.seek, to: mt, seekedAt: now };

  // The few ms a playhead can creep after a stale reading at the `waiting` are part of the stall.
  const advanced = !confirmed && s.lastAt !== null && !jumped && mt - s.lastMt > MOVED_S;
  // When the frozen playhead started moving again: see the header.
  const resumedAt = (): number => {
    // Media seconds are rounded to whole ms: float noise must not make 650 ms read 649.9999.
    const lower = s.lastAt ?? now;
    const est =
      s.playingAt !== null && s.playingAt >= lower
        ? s.playingAt
        : now - Math.round(((mt - s.lastMt) / (rate || 1)) * 1000);
    return Math.min(now, Math.max(lower, est));
  };

  if (s.seek && s.seek.seekedAt !== null && (advanced || obs.paused)) {
    endSeek(s, advanced ? resumedAt() : now, out);
  }

  if (!s.started) {
    if (s.intentAt === null && !obs.paused && rate > 0) {
      // Already playing when we attached: its startup happened before we could see it.
      if (s.lastAt === null && mt > 0 && obs.readyState >= 3) s.started = true;
      else s.intentAt = now;
    }
    if (s.intentAt !== null && advanced) {
      const firstFrame = Math.max(s.intentAt, resumedAt());
      out.push({ type: 'startup', at: s.intentAt, durationMs: firstFrame - s.intentAt });
      s.started = true;
      s.intentAt = null;
    } else if (s.intentAt !== null && obs.paused) {
      s.intentAt = null;
    }
  }

  const intended = s.started && !obs.paused && !obs.seeking && s.seek === null && rate > 0;
  if (!intended) {
    closeStall(s, now, out);
    s.waiting = null;
  } else if (!s.intended) {
    setAnchor(s, now, mt, obs.bufferedAhead);
  } else if (advanced) {
    if (s.stall) closeStall(s, resumedAt(), out);
    else shortStall(s, now, mt, rate, resumedAt, out);
    setAnchor(s, now, mt, obs.bufferedAhead);
  } else if (!s.stall && now - s.anchorAt >= STALL_AFTER_MS) {
    openStall(s, s.anchorAt, s.anchorMt, s.anchorBuf, out, obs.readyState);
  }
  if (intended && ev === 'waiting' && !s.stall && !s.waiting) {
    s.waiting = { at: now, mt, bufferAhead: obs.bufferedAhead, readyState: obs.readyState, hidden: s.hidden };
  }
  s.intended = intended;
  if (advanced) s.playingAt = null;
  return { state: settle(s, now, mt), out };
}

/**
 * A pending `waiting` is judged at the first observation STALL_CONFIRM_MS or more after it: a stall
 * from the event if the playhead covered less than half what playing would have in that time (the
 * reading at the event can be a few ms stale), else dropped. A seek drops it at once; a pause or stop
 * in between has dropped it already (`intended` went false).
 */
function confirmWaiting(
  s: MachineState,
  now: number,
  mt: number,
  rate: number,
  jumped: boolean,
  out: MachineOutput[],
): boolean {
  const w = s.waiting;
  if (!w) return false;
  const movedMs = (mt - w.mt) * 1000;
  if (s.stall || jumped || movedMs < -MOVED_S * 1000) {
    s.waiting = null;
    return false;
  }
  const elapsed = now - w.at;
  if (elapsed < STALL_CONFIRM_MS) return false;
  s.waiting = null;
  if (movedMs > (elapsed * (rate || 1)) / 2) return false;
  openStall(s, w.at, w.mt, w.bufferAhead, out, w.readyState, w.hidden);
  return true;
}

/** Playhead moved, but less than the wall clock by more than SHORT_STALL_MS: a stall ticks missed. */
function shortStall(
  s: MachineState,
  now: number,
  mt: number,
  rate: number,
  resumedAt: () => number,
  out: MachineOutput[],
) {
  const excess = now - s.anchorAt - Math.round(((mt - s.anchorMt) / rate) * 1000);
  if (excess <= SHORT_STALL_MS) return;
  const end = resumedAt();
  openStall(s, Math.max(s.anchorAt, end - excess), s.anchorMt, s.anchorBuf, out, HAVE_FUTURE_DATA);
  closeStall(s, end, out);
}

function openStall(
  s: MachineState,
  at: number,
  mediaTime: number,
  bufferAhead: number,
  out: MachineOutput[],
  readyState: number,
  hiddenAtStart = s.hidden,
) {
  // The element itself says it lacks data (readyState below HAVE_FUTURE_DATA): a progressive file
  // can show buffered ranges ahead that it cannot yet decode, so the range alone under-reports this.
  const starved = readyState < HAVE_FUTURE_DATA;
  // A confirmed `waiting` may have begun while visible and be confirmed once hidden: both count.
  s.stall = { start: at, mediaTime, bufferAhead, hidden: hiddenAtStart || s.hidden, starved };
  out.push({ type: 'stall-start', at, mediaTime, bufferAhead, hidden: hiddenAtStart });
}

function closeStall(s: MachineState, at: number, out: MachineOutput[], cutShort = false) {
  const st = s.stall;
  if (!st) return;
  const end = Math.max(at, st.start);
  const cause: StallCause = st.starved || st.bufferAhead < DRY_BUFFER_S ? 'network' : 'decoder';
  out.push({
    type: 'stall-end',
    start: st.start,
    end,
    durationMs: end - st.start,
    mediaTime: st.mediaTime,
    bufferAhead: st.bufferAhead,
    cause,
    hidden: st.hidden,
    ...(cutShort ? { cutShort } : {}),
  });
  s.stall = null;
}

/** End, source change, the caller's close: close whatever is open at `now`. */
function finish(s: MachineState, now: number, out: MachineOutput[], cutShort = false) {
  closeStall(s, now, out, cutShort);
  s.waiting = null;
  endSeek(s, now, out);
  s.intentAt = null;
  s.intended = false;
}

function endSeek(s: MachineState, end: number, out: MachineOutput[]) {
  const k = s.seek;
  if (!k) return;
  out.push({ type: 'seek', at: k.at, from: k.from, to: k.to, durationMs: Math.max(0, end - k.at) });
  s.seek = null;
}

function setAnchor(s: MachineState, now: number, mt: number, buf: number) {
  s.anchorAt = now;
  s.anchorMt = mt;
  s.anchorBuf = buf;
}

function settle(s: MachineState, now: number, mt: number): MachineState {
  s.lastAt = now;
  s.lastMt = mt;
  s.phase = phaseOf(s);
  return s;
}

function phaseOf(s: MachineState): PlayState {
  if (s.ended) return 'ended';
  if (!s.started) return s.intentAt !== null ? 'startup' : 'paused';
  if (s.seek) return 'seeking';
  if (s.stall) return 'stalled';
  return s.intended ? 'playing' : 'paused';
}
