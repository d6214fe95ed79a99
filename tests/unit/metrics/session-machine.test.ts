import { describe, expect, it } from 'vitest';
import type { MediaEventType } from '@/utils/capture/media-events';
import {
  createSessionMachine,
  type ElementView,
  IDLE_PAUSE_MS,
  needsBox,
  type SessionCommand,
  type SessionInput,
  type SessionMachineState,
  stepSession,
} from '@/utils/metrics/session-machine';

const SRC = 'https://media.example/a.mp4';
const OTHER = 'https://media.example/b.mp4';

/** [wall ms, what happened, the element then (src, paused; box 640x360 unless said)]. */
type Row = [number, 'tick' | 'attach' | MediaEventType | `stop:${string}`, Partial<ElementView>?];

const el = (v: Partial<ElementView> = {}): ElementView => ({
  src: SRC,
  paused: false,
  box: { w: 640, h: 360 },
  ...v,
});

function toInput([now, what, v]: Row): SessionInput {
  if (what === 'tick' || what === 'attach') return { kind: what, now, el: el(v) };
  if (what.startsWith('stop:'))
    return { kind: 'stop', now, reason: what.slice(5) as Extract<SessionInput, { kind: 'stop' }>['reason'] };
  return { kind: 'event', type: what as MediaEventType, now, el: el(v) };
}

function run(rows: Row[], init: SessionMachineState = createSessionMachine()) {
  let state = init;
  const out: SessionCommand[] = [];
  for (const row of rows) {
    const r = stepSession(state, toInput(row));
    state = r.state;
    out.push(...r.out);
  }
  return { out, state };
}

/** Only the opens and ends, as [type, at, intent playAt/loadstartAt | reason]. */
const lifecycle = (out: SessionCommand[]) =>
  out.flatMap((c) =>
    c.type === 'open'
      ? [['open', c.at, c.intent && { playAt: c.intent.playAt, loadstartAt: c.intent.loadstartAt }]]
      : c.type === 'end'
        ? [['end', c.at, c.reason]]
        : [],
  );

describe('a session opens', () => {
  it.each<[string, Row[], unknown[]]>([
    [
      'at a play on an element with a source and a box; intent from the play and its loadstart',
      [
        [900, 'loadstart', { paused: true }],
        [1000, 'play'],
      ],
      [['open', 1000, { playAt: 1000, loadstartAt: 900 }]],
    ],
    [
      'a play before the source is chosen waits for the loadstart, intent from the play',
      [
        [1000, 'play', { src: '' }],
        [1040, 'loadstart'],
      ],
      [['open', 1040, { playAt: 1000, loadstartAt: 1040 }]],
    ],
    [
      'a pause between that play and the loadstart cancels it',
      [
        [1000, 'play', { src: '' }],
        [1010, 'pause', { src: '', paused: true }],
        [1040, 'loadstart', { paused: true }],
      ],
      [],
    ],
    [
      'at a tick that finds the element playing (no play seen): no intent',
      [
        [0, 'tick', { paused: true }],
        [250, 'tick'],
      ],
      [['open', 250, null]],
    ],
    ['when attached to an element already playing', [[0, 'attach']], [['open', 0, null]]],
    ['not for a paused element attached to', [[0, 'attach', { paused: true }]], []],
    [
      'not for an element smaller than 50x50 CSS px (a tracking pixel, a thumbnail)',
      [
        [0, 'play', { box: { w: 49, h: 300 } }],
        [250, 'tick', { box: { w: 300, h: 20 } }],
      ],
      [],
    ],
    ['not without a source', [[0, 'tick', { src: '' }]], []],
  ])('%s', (_name, rows, expected) => {
    expect(lifecycle(run(rows).out)).toEqual(expected);
  });
});

describe('a session ends', () => {
  const PLAYING: Row[] = [
    [900, 'loadstart', { paused: true }],
    [1000, 'play'],
  ];
  it.each<[string, Row[], unknown[]]>([
    ['at the element’s ended', [[5000, 'ended', { paused: true }]], [['end', 5000, 'ended']]],
    [
      'at a new source (loadstart with another currentSrc); a play then opens the next',
      [
        [5000, 'loadstart', { src: OTHER, paused: true }],
        [5100, 'play', { src: OTHER }],
      ],
      [
        ['end', 5000, 'source-change'],
        ['open', 5100, { playAt: 5100, loadstartAt: 5000 }],
      ],
    ],
    ['a loadstart of the same source is no change', [[5000, 'loadstart']], []],
    ['at emptied', [[5000, 'emptied', { src: '' }]], [['end', 5000, 'source-change']]],
    [
      'at a tick that sees another currentSrc, and a new one opens there if it plays',
      [[5000, 'tick', { src: OTHER }]],
      [
        ['end', 5000, 'source-change'],
        ['open', 5000, null],
      ],
    ],
    [
      'after more than 10 minutes paused, at a tick',
      [
        [5000, 'pause', { paused: true }],
        [5000 + IDLE_PAUSE_MS, 'tick', { paused: true }],
        [5250 + IDLE_PAUSE_MS, 'tick', { paused: true }],
      ],
      [['end', 5250 + IDLE_PAUSE_MS, 'idle']],
    ],
    [
      'a play in between restarts the idle clock',
      [
        [5000, 'pause', { paused: true }],
        [6000, 'play'],
        [6100, 'pause', { paused: true }],
        [5250 + IDLE_PAUSE_MS, 'tick', { paused: true }],
      ],
      [],
    ],
    ['at the tracker’s stop', [[5000, 'stop:pagehide']], [['end', 5000, 'pagehide']]],
  ])('%s', (_name, rows, expected) => {
    const { out } = run([...PLAYING, ...rows]);
    expect(lifecycle(out).slice(1)).toEqual(expected);
  });

  it('a stop with nothing open says nothing', () => {
    expect(run([[0, 'stop:removed']]).out).toEqual([]);
  });
});

describe('while open, what goes where', () => {
  it('the playback machine gets its events, the tick its tick; resize and rate change are not the machine’s', () => {
    const { out } = run([
      [0, 'play'],
      [100, 'playing'],
      [250, 'tick'],
      [300, 'waiting'],
      [400, 'resize'],
      [450, 'ratechange'],
      [500, 'stalled'],
      [600, 'seeking'],
      [700, 'seeked'],
      [800, 'pause', { paused: true }],
    ]);
    expect(out.map((c) => (c.type === 'machine' ? c.event : c.type))).toEqual([
      'open',
      'play',
      'playing',
      'tick',
      'waiting',
      'resize',
      'stalled',
      'seeking',
      'seeked',
      'pause',
    ]);
  });

  it('the ended event reaches the machine before the session ends', () => {
    const { out } = run([
      [0, 'play'],
      [900, 'ended', { paused: true }],
    ]);
    expect(out.slice(2).map((c) => c.type)).toEqual(['machine', 'end']);
  });

  it('nothing reaches the machine while no session is open', () => {
    expect(run([[0, 'waiting', { paused: true }]]).out).toEqual([]);
  });
});

describe('the box is read only when a session may open', () => {
  it('before one is open, and when the source changed under an open one', () => {
    const open = run([[0, 'play']]).state;
    expect(needsBox(createSessionMachine(), SRC)).toBe(true);
    expect(needsBox(open, SRC)).toBe(false);
    expect(needsBox(open, OTHER)).toBe(true);
  });
});

describe('purity', () => {
  it('never mutates the state it is given', () => {
    const rows: Row[] = [
      [0, 'loadstart'],
      [10, 'play'],
      [500, 'pause', { paused: true }],
      [900, 'tick', { src: OTHER }],
    ];
    let state = createSessionMachine();
    for (const row of rows) {
      const before = structuredClone(state);
      const next = stepSession(Object.freeze(state), toInput(row)).state;
      expect(state).toEqual(before);
      state = next;
    }
  });
});
