/** Builders and a render helper for component tests (no testing-library: preact's render into a div). */
import { type ComponentChild, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { answerHistory } from '@/entrypoints/background/page-handlers';
import type { StoredSession } from '@/utils/db';
import type { LiveSnapshot } from '@/utils/messaging/worker-protocol';
import { HistoryRequest } from '@/utils/messaging/worker-protocol';
import { emptyAggregates } from '@/utils/metrics/aggregate';
import type { Aggregates, PlaybackEvent, Sample } from '@/utils/schema/playback';

export const T0 = Date.UTC(2025, 10, 25, 19, 0, 0);

const mounted: HTMLElement[] = [];
afterEach(() => {
  for (const el of mounted.splice(0)) {
    render(null, el);
    el.remove();
  }
});

export function mount(ui: ComponentChild): HTMLElement {
  const el = document.createElement('div');
  document.body.append(el);
  mounted.push(el);
  act(() => render(ui, el));
  return el;
}

export const byId = (root: ParentNode, id: string) =>
  root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
export const allById = (root: ParentNode, id: string) => [
  ...root.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`),
];
export const text = (root: ParentNode, id: string) => byId(root, id)?.textContent ?? null;

export function live(over: Partial<LiveSnapshot> = {}): LiveSnapshot {
  return {
    sid: 'live-session-1',
    service: 'youtube',
    pageHost: 'www.youtube.com',
    state: 'playing',
    w: 1920,
    h: 1080,
    br: 4500,
    buf: 12,
    stalls: 0,
    stallMs: 0,
    startupMs: 850,
    lastStallAt: null,
    lastDropAt: null,
    spark: [
      [T0, 4000, 0],
      [T0 + 1000, 4200, 0],
      [T0 + 2000, 4500, 0],
    ],
    updatedAt: T0 + 2000,
    ...over,
  };
}

/**
 * The worked example of docs/scores.md: 30 min watched, 2 stalls for 18 s, startup 2 s, 90 % of
 * playing time ≥ 720p, upscale 0.2 on average and 0.5 at most.
 */
export function exampleAgg(over: Partial<Aggregates> = {}): Aggregates {
  const playingMs = 1_782_000;
  return {
    ...emptyAggregates(),
    samples: 1800,
    watchMs: 1_800_000,
    playingMs,
    stallCount: 2,
    stallMs: 18_000,
    startupMs: 2000,
    brSum: 4200 * playingMs,
    brMs: playingMs,
    tpSum: 9000 * playingMs,
    tpMs: playingMs,
    ms720: 0.9 * playingMs,
    ms1080: 0.5 * playingMs,
    totalFrames: 53_460,
    upSum: 0.2 * playingMs,
    upMax: 0.5,
    maxW: 1920,
    maxH: 1080,
    lastW: 1920,
    lastH: 1080,
    lastSeq: 1799,
    lastT: T0 + 1_800_000,
    ...over,
  };
}

export function session(id: string, over: Partial<StoredSession> = {}): StoredSession {
  return {
    id,
    pageHost: 'www.youtube.com',
    frameHost: 'www.youtube.com',
    service: 'youtube',
    startedAt: T0,
    tzOffsetMin: 0,
    delivery: 'mse',
    preview: false,
    endedAt: T0 + 1_800_000,
    agg: exampleAgg(),
    ...over,
  };
}

/** A 1 Hz playing sample at 1080p. */
export function sample(sid: string, seq: number, over: Partial<Sample> = {}): Sample {
  return {
    sid,
    seq,
    t: T0 + seq * 1000,
    dt: seq === 0 ? 0 : 1000,
    state: 'playing',
    mt: seq,
    buf: 20,
    w: 1920,
    h: 1080,
    dw: 1920,
    dh: 1080,
    br: 5000,
    tp: 8000,
    df: 0,
    tf: 30,
    rate: 1,
    hidden: false,
    ...over,
  };
}

export function stallEvent(sid: string, seq: number, t: number, durationMs: number, cause = 'network') {
  return {
    sid,
    seq,
    t,
    mt: 1,
    kind: 'stall',
    durationMs,
    bufferAhead: 0,
    cause,
    hidden: false,
  } as PlaybackEvent;
}

/**
 * Answers the popup's history requests as the worker does (its own handler over the real store on
 * fake-indexeddb), through WXT's fake browser messaging. Call after fakeBrowser.reset().
 */
export function answerHistoryLikeTheWorker(): void {
  fakeBrowser.runtime.onMessage.addListener((msg: unknown) => {
    const parsed = HistoryRequest.safeParse(msg);
    if (!parsed.success) return undefined;
    return answerHistory(parsed.data.type, parsed.data);
  });
}
