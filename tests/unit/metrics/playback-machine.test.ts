import { describe, expect, it } from 'vitest';
import {
  createMachine,
  type ElementEventType,
  type MachineOutput,
  type MachineState,
  type Observation,
  type PlaybackInput,
  step,
} from '@/utils/metrics/playback-machine';
import type { PlayState } from '@/utils/schema/playback';

/** [wall ms, what happened, currentTime, other observed fields]. */
type Row = [number, 'tick' | 'hide' | 'show' | ElementEventType, number, Partial<Observation>?];

const obsAt = (ct: number, o: Partial<Observation> = {}): Observation => ({
  currentTime: ct,
  paused: false,
  seeking: false,
  ended: false,
  readyState: 4,
  bufferedAhead: 10,
  playbackRate: 1,
  ...o,
});

function toInput([now, what, ct, o]: Row): PlaybackInput {
  const obs = obsAt(ct, o);
  if (what === 'tick') return { kind: 'tick', now, obs };
  if (what === 'hide' || what === 'show') return { kind: 'visibility', now, hidden: what === 'hide', obs };
  return { kind: 'event', type: what, now, obs };
}

function run(rows: Row[], init: MachineState = createMachine()) {
  let state = init;
  const out: MachineOutput[] = [];
  const phases = new Map<number, PlayState>();
  for (const row of rows) {
    const r = step(state, toInput(row));
    state = r.state;
    out.push(...r.out);
    phases.set(row[0], state.phase);
  }
  return { out, phases, state };
}

/** Ticks every 250 ms over [from, to], the playhead moving `rate` media s per wall s from ct0 at `from`. */
function playing(from: number, to: number, ct0: number, o: Partial<Observation> = {}, rate = 1): Row[] {
  const rows: Row[] = [];
  for (let t = from; t <= to; t += 250) rows.push([t, 'tick', ct0 + ((t - from) / 1000) * rate, o]);
  return rows;
}
const frozen = (from: number, to: number, ct: number, o: Partial<Observation> = {}): Row[] =>
  playing(from, to, ct, o, 0);

/** play + playing at 0, first frame at 0 (playhead at 0.25 by the 250 ms tick), steady to 5000 (ct 5.0). */
const PRELUDE: Row[] = [[0, 'play', 0, { readyState: 1 }], [0, 'playing', 0], ...playing(250, 5000, 0.25)];
const afterPrelude = (rows: Row[]) => run([...PRELUDE, ...rows]).out.slice(1);
const stall = (start: number, end: number, mediaTime: number, bufferAhead: number, extra: object = {}) => [
  { type: 'stall-start', at: start, mediaTime, bufferAhead, hidden: false, ...extra },
  {
    type: 'stall-end',
    start,
    end,
    durationMs: end - start,
    mediaTime,
    bufferAhead,
    cause: bufferAhead < 0.5 ? 'network' : 'decoder',
    hidden: false,
    ...extra,
  },
];

describe('steady playback', () => {
  it.each([
    ['rate 1', 1],
    ['rate 2', 2],
    ['rate 0.5', 0.5],
  ])('reports only the startup at %s', (_name, rate) => {
    const rows: Row[] = [
      [0, 'play', 0, { readyState: 1, playbackRate: rate }],
      [0, 'playing', 0, { playbackRate: rate }],
      ...playing(250, 60_000, 0.25 * rate, { playbackRate: rate }, rate),
    ];
    const { out, phases } = run(rows);
    expect(out).toEqual([{ type: 'startup', at: 0, durationMs: 0 }]);
    expect(phases.get(60_000)).toBe('playing');
  });

  it('tolerates late timers: a tick 400 ms late whose playhead kept pace is no stall', () => {
    expect(
      afterPrelude([
        [5400, 'tick', 5.4],
        [5650, 'tick', 5.65],
      ]),
    ).toEqual([]);
  });
});

describe('stall detection', () => {
  // Last progress at 5100 (ct 5.1), playhead frozen until it resumes around 7080.
  const frozenPart: Row[] = frozen(5250, 7000, 5.1);
  it.each<[string, Row[], ReturnType<typeof stall>]>([
    [
      'waiting→playing: from the waiting event to the playing event (not the 7080 the playhead suggests)',
      [
        [5100, 'waiting', 5.1, { bufferedAhead: 0.1 }],
        ...frozenPart,
        [7050, 'playing', 5.1],
        [7250, 'tick', 5.27],
      ],
      stall(5100, 7050, 5.1, 0.1),
    ],
    [
      'a late waiting: the stall starts at the event, not at the last progress (5000)',
      [
        [5100, 'waiting', 5.0, { bufferedAhead: 0.1 }],
        ...frozen(5250, 7000, 5.0),
        [7050, 'playing', 5.0],
        [7250, 'tick', 5.2],
      ],
      stall(5100, 7050, 5.0, 0.1),
    ],
    [
      'waiting, no playing event: the end is back-computed from the playhead (7250 − 170 ms)',
      [[5100, 'waiting', 5.1, { bufferedAhead: 0.1 }], ...frozenPart, [7250, 'tick', 5.27]],
      stall(5100, 7080, 5.1, 0.1),
    ],
    [
      'a premature playing (playhead still frozen after it) does not shorten the stall',
      [
        [5100, 'waiting', 5.1, { bufferedAhead: 0.1 }],
        ...frozen(5250, 5750, 5.1),
        [6000, 'playing', 5.1],
        ...frozen(6250, 7000, 5.1),
        [7250, 'tick', 5.27],
      ],
      stall(5100, 7080, 5.1, 0.1),
    ],
    [
      'ticks only (a player that never fires waiting): back-dated to the last progress at 5000',
      [...frozen(5250, 7000, 5.0), [7250, 'tick', 5.1]],
      stall(5000, 7150, 5.0, 10),
    ],
    [
      'short stall missed by the 1 s rule: 750 ms wall for 100 ms of media',
      [
        [5250, 'tick', 5.0],
        [5500, 'tick', 5.0],
        [5750, 'tick', 5.1],
      ],
      stall(5000, 5650, 5.0, 10),
    ],
    [
      'excess of 200 ms is jitter, not a stall',
      [
        [5250, 'tick', 5.0],
        [5500, 'tick', 5.3],
      ],
      [],
    ],
    [
      'excess of exactly 250 ms is not a stall',
      [
        [5250, 'tick', 5.0],
        [5500, 'tick', 5.25],
      ],
      [],
    ],
  ])('%s', (_name, rows, expected) => {
    expect(afterPrelude(rows)).toEqual(expected);
  });

  it('opens a tick-detected stall once the playhead has been frozen for 1000 ms', () => {
    const { out, phases } = run([...PRELUDE, ...frozen(5250, 6250, 5.0)]);
    expect(phases.get(5750)).toBe('playing');
    expect(phases.get(6000)).toBe('stalled');
    expect(out.slice(1)).toEqual([
      { type: 'stall-start', at: 5000, mediaTime: 5, bufferAhead: 10, hidden: false },
    ]);
  });

  it('classifies a stall with a full buffer as a decoder stall', () => {
    const out = afterPrelude([
      [5100, 'waiting', 5.1, { bufferedAhead: 3 }],
      ...frozen(5250, 6000, 5.1),
      [6100, 'playing', 5.1],
      [6250, 'tick', 5.25],
    ]);
    expect(out[1]).toMatchObject({ type: 'stall-end', durationMs: 1000, cause: 'decoder', bufferAhead: 3 });
  });

  it('classifies a stall as network when the element says it lacks data, whatever the ranges show', () => {
    const out = afterPrelude([
      // A progressive file: bytes for 3 s are "buffered" but the element cannot play (readyState 2).
      [5100, 'waiting', 5.1, { bufferedAhead: 3, readyState: 2 }],
      ...frozen(5250, 6000, 5.1),
      [6100, 'playing', 5.1],
      [6250, 'tick', 5.25],
    ]);
    expect(out[1]).toMatchObject({ type: 'stall-end', durationMs: 1000, cause: 'network', bufferAhead: 3 });
  });

  it('ends a stall at a user pause and counts it up to the pause', () => {
    const rows: Row[] = [
      [5100, 'waiting', 5.1, { bufferedAhead: 0 }],
      ...frozen(5250, 6000, 5.1),
      [6200, 'pause', 5.1, { paused: true }],
      ...frozen(6250, 9000, 5.1, { paused: true }),
    ];
    const { out, phases } = run([...PRELUDE, ...rows]);
    expect(out.slice(1)).toEqual(stall(5100, 6200, 5.1, 0));
    expect(phases.get(9000)).toBe('paused');
  });

  it('ends a stall at a seek, then measures the seek to the first advance', () => {
    const rows: Row[] = [
      [5100, 'waiting', 5.1, { bufferedAhead: 3 }],
      ...frozen(5250, 6000, 5.1),
      [6100, 'seeking', 20, { seeking: true }],
      [6200, 'seeked', 20],
      [6250, 'tick', 20],
      [6500, 'tick', 20.2],
    ];
    const { out, phases } = run([...PRELUDE, ...rows]);
    expect(out.slice(1)).toEqual([
      ...stall(5100, 6100, 5.1, 3),
      { type: 'seek', at: 6100, from: 5.1, to: 20, durationMs: 200 },
    ]);
    expect(phases.get(6250)).toBe('seeking');
    expect(phases.get(6500)).toBe('playing');
  });

  it('closes an open stall when the video ends', () => {
    const rows: Row[] = [
      [5100, 'waiting', 5.1, { bufferedAhead: 0 }],
      [5800, 'ended', 5.1, { ended: true, paused: true }],
    ];
    const { out, phases } = run([...PRELUDE, ...rows]);
    expect(out.slice(1)).toEqual(stall(5100, 5800, 5.1, 0));
    expect(phases.get(5800)).toBe('ended');
  });
});

describe('a waiting needs a frozen playhead the caller observed', () => {
  it.each<[string, Row[], ReturnType<typeof stall> | []]>([
    [
      'waiting at +1 ms, playing at +249 ms, every tick, the playhead moving all along: no stall',
      [5000, 5250, 5500, 5750, 6000].flatMap((t): Row[] => [
        [t + 1, 'waiting', (t + 1) / 1000],
        [t + 249, 'playing', (t + 249) / 1000],
        [t + 250, 'tick', (t + 250) / 1000],
      ]),
      [],
    ],
    [
      'a waiting the next tick finds moving is dropped, even if the playhead freezes later (ticks judge that)',
      [[5100, 'waiting', 5.1, { bufferedAhead: 0.1 }], [5250, 'tick', 5.25], ...frozen(5500, 6500, 5.25)],
      stall(5250, 0, 5.25, 10).slice(0, 1),
    ],
    [
      'confirmed by the playing event itself when the playhead had not moved: a short real stall',
      [
        [5100, 'waiting', 5.1, { bufferedAhead: 0.1 }],
        [5180, 'playing', 5.1],
        [5250, 'tick', 5.17],
      ],
      stall(5100, 5180, 5.1, 0.1),
    ],
    [
      'a stale reading at the waiting (the playhead crept 4 ms after it, then froze) is still a stall from it',
      [
        [5100, 'waiting', 5.1, { bufferedAhead: 0.1 }],
        ...frozen(5250, 6000, 5.104),
        [6100, 'playing', 5.104],
        [6250, 'tick', 5.254],
      ],
      stall(5100, 6100, 5.1, 0.1),
    ],
    [
      'a playing 5 ms after the waiting is too soon to tell: dropped when the tick sees the playhead moving',
      [
        [5100, 'waiting', 5.1, { bufferedAhead: 0.1 }],
        [5105, 'playing', 5.1],
        [5250, 'tick', 5.245],
      ],
      [],
    ],
    [
      'a pause before any observation confirms it: no stall',
      [
        [5100, 'waiting', 5.1, { bufferedAhead: 0.1 }],
        [5105, 'pause', 5.1, { paused: true }],
        ...frozen(5250, 7000, 5.1, { paused: true }),
      ],
      [],
    ],
  ])('%s', (_name, rows, expected) => {
    expect(afterPrelude(rows)).toEqual(expected);
  });

  it('a stall open when the caller closes the session is cut short', () => {
    const rows: Row[] = [[5100, 'waiting', 5.1, { bufferedAhead: 0 }], ...frozen(5250, 6000, 5.1)];
    const { state } = run([...PRELUDE, ...rows]);
    const { out } = step(state, { kind: 'close', now: 6100, obs: obsAt(5.1) });
    expect(out).toEqual([{ ...stall(5100, 6100, 5.1, 0)[1], cutShort: true }]);
  });
});

describe('not stalls', () => {
  it('a seek with waiting events, buffering after seeked, is one seek and no stall', () => {
    const rows: Row[] = [
      [5100, 'seeking', 60, { seeking: true, bufferedAhead: 0 }],
      [5120, 'waiting', 60, { seeking: true, bufferedAhead: 0 }],
      ...frozen(5250, 5500, 60, { seeking: true, bufferedAhead: 0 }),
      [5600, 'seeked', 60, { bufferedAhead: 0 }],
      [5650, 'waiting', 60, { bufferedAhead: 0 }],
      ...frozen(5750, 7500, 60, { bufferedAhead: 0.2 }),
      [7600, 'playing', 60],
      ...playing(7750, 12_000, 60.15),
    ];
    const { out, phases } = run([...PRELUDE, ...rows]);
    expect(out.slice(1)).toEqual([{ type: 'seek', at: 5100, from: 5, to: 60, durationMs: 2500 }]);
    expect(phases.get(7000)).toBe('seeking');
    expect(phases.get(12_000)).toBe('playing');
  });

  it('a long pause and resume is no stall', () => {
    const rows: Row[] = [
      [5100, 'pause', 5.1, { paused: true }],
      ...frozen(5250, 8000, 5.1, { paused: true }),
      [8000, 'play', 5.1],
      [8050, 'playing', 5.1],
      ...playing(8250, 10_000, 5.3),
    ];
    const { out, phases } = run([...PRELUDE, ...rows]);
    expect(out.slice(1)).toEqual([]);
    expect(phases.get(6000)).toBe('paused');
    expect(phases.get(10_000)).toBe('playing');
  });

  it('a seek while paused ends at seeked', () => {
    const rows: Row[] = [
      [5100, 'pause', 5.1, { paused: true }],
      [6000, 'seeking', 30, { paused: true, seeking: true }],
      [6300, 'seeked', 30, { paused: true }],
    ];
    expect(afterPrelude(rows)).toEqual([{ type: 'seek', at: 6000, from: 5.1, to: 30, durationMs: 300 }]);
  });
});

describe('startup', () => {
  it.each<[string, Row[], MachineOutput[]]>([
    [
      'from the play event to the playing event; its waiting is not a stall',
      [
        [1000, 'play', 0, { readyState: 0 }],
        [1010, 'waiting', 0, { readyState: 1, bufferedAhead: 0 }],
        ...frozen(1250, 2500, 0, { readyState: 1, bufferedAhead: 0 }),
        [2600, 'playing', 0],
        ...playing(2750, 6000, 0.15),
      ],
      [{ type: 'startup', at: 1000, durationMs: 1600 }],
    ],
    [
      'without a playing event: first advance back-computed (2750 − 150 ms)',
      [
        [1000, 'play', 0, { readyState: 0 }],
        ...frozen(1250, 2500, 0, { readyState: 1 }),
        ...playing(2750, 6000, 0.15),
      ],
      [{ type: 'startup', at: 1000, durationMs: 1600 }],
    ],
    [
      'autoplay before we attached: intent is the first tick that is not paused',
      [
        [0, 'tick', 0, { readyState: 1 }],
        ...frozen(250, 500, 0, { readyState: 1 }),
        ...playing(750, 5000, 0.1),
      ],
      [{ type: 'startup', at: 0, durationMs: 650 }],
    ],
    [
      'a seek before the first frame (resume position) belongs to startup',
      [
        [1000, 'play', 0, { readyState: 0 }],
        [1100, 'seeking', 30, { seeking: true, readyState: 0 }],
        [1300, 'seeked', 30, { readyState: 1 }],
        [1500, 'tick', 30, { readyState: 1 }],
        ...playing(1750, 5000, 30.2),
      ],
      [{ type: 'startup', at: 1000, durationMs: 550 }],
    ],
    ['attached to a video already playing: no startup, nothing else', playing(0, 5000, 42), []],
    [
      'a pause before the first frame abandons the intent; the next play measures afresh',
      [
        [1000, 'play', 0, { readyState: 0 }],
        [3000, 'pause', 0, { paused: true, readyState: 1 }],
        [9000, 'play', 0],
        [9300, 'playing', 0],
        [9500, 'tick', 0.2],
      ],
      [{ type: 'startup', at: 9000, durationMs: 300 }],
    ],
  ])('%s', (_name, rows, expected) => {
    expect(run(rows).out).toEqual(expected);
  });

  it('reports the startup phase until the first frame', () => {
    const { phases } = run([
      [1000, 'play', 0, { readyState: 0 }],
      [1250, 'tick', 0],
      [1500, 'tick', 0.1],
    ]);
    expect(phases.get(1250)).toBe('startup');
    expect(phases.get(1500)).toBe('playing');
  });

  it('still detects stalls after attaching mid-play', () => {
    const out = run([...playing(0, 5000, 42), ...frozen(5250, 6500, 47), [6750, 'tick', 47.1]]).out;
    expect(out).toEqual(stall(5000, 6650, 47, 10));
  });

  it('a new source (loadstart) after playback measures a new startup', () => {
    const rows: Row[] = [
      [5100, 'emptied', 0, { paused: true, readyState: 0 }],
      [5100, 'loadstart', 0, { paused: true, readyState: 0 }],
      [5200, 'play', 0, { readyState: 0 }],
      [5500, 'playing', 0],
      [5750, 'tick', 0.25],
    ];
    expect(afterPrelude(rows)).toEqual([{ type: 'startup', at: 5200, durationMs: 300 }]);
  });
});

describe('hidden tab', () => {
  const episode: Row[] = [
    [5100, 'waiting', 5.1, { bufferedAhead: 0 }],
    [6100, 'playing', 5.1],
    [6250, 'tick', 5.25],
  ];
  it.each<[string, Row[], boolean, boolean]>([
    ['stall begun while hidden', [[5050, 'hide', 5.05], ...episode], true, true],
    [
      'stall that became hidden midway',
      [...episode.slice(0, 1), [5500, 'hide', 5.1], ...episode.slice(1)],
      false,
      true,
    ],
    ['stall after the tab came back', [[4000, 'hide', 4], [5050, 'show', 5.05], ...episode], false, false],
  ])('%s: hidden at start %s, on the recorded stall %s', (_name, rows, atStart, recorded) => {
    const [start, end] = stall(5100, 6100, 5.1, 0);
    expect(afterPrelude(rows)).toEqual([
      { ...start, hidden: atStart },
      { ...end, hidden: recorded },
    ]);
  });
});

describe('purity', () => {
  it('never mutates the state it is given', () => {
    const rows: Row[] = [...PRELUDE, [5100, 'waiting', 5.1], [5300, 'seeking', 9, { seeking: true }]];
    let state = createMachine();
    for (const row of rows) {
      const frozenState = structuredClone(state);
      const next = step(Object.freeze(state), toInput(row)).state;
      expect(state).toEqual(frozenState);
      state = next;
    }
  });
});
