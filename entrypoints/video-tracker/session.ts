/**
 * What the tracker keeps for one session of one element, and how a session begins: its identity
 * (hostnames only, the service, wall clock with its UTC offset) and the machine's starting state.
 */
import type { LiveSnapshot } from '@/utils/messaging/worker-protocol';
import type { CmcdLogState } from '@/utils/metrics/cmcd-log';
import { createMachine, type MachineState } from '@/utils/metrics/playback-machine';
import type { SessionMeta } from '@/utils/schema/playback';
import type { NetworkMeter } from './network';
import type { Outbox } from './outbox';
import type { ProbeBridge } from './probe-bridge';
import { connectionType, newSessionId, type PageIdentity, tzOffsetMinutes } from './session-identity';

export interface TrackerDeps {
  now(): number;
  identity: PageIdentity;
  outbox: Outbox;
  bridge: ProbeBridge;
  network: NetworkMeter;
  live(sid: string, snapshot: LiveSnapshot | null): void;
  isHidden(): boolean;
}

export interface Active {
  meta: SessionMeta;
  src: string;
  machine: MachineState;
  sampleSeq: number;
  eventSeq: number;
  lastSampleAt: number;
  frames: { dropped: number; total: number };
  w: number;
  h: number;
  stalls: number;
  stallMs: number;
  startupMs: number | null;
  lastStallAt: number | null;
  lastDropAt: number | null;
  spark: LiveSnapshot['spark'];
  lastBr: number | null;
  cmcdLog: CmcdLogState;
}

export type FrameCounts = Active['frames'];

export function frameCounts(v: HTMLVideoElement): FrameCounts {
  const q = v.getVideoPlaybackQuality?.();
  return { dropped: q?.droppedVideoFrames ?? 0, total: q?.totalVideoFrames ?? 0 };
}

/** A session of `v` starting at `now`; `intentAt` is when the viewer asked for playback, when it was seen. */
export function openSession(
  v: HTMLVideoElement,
  deps: Pick<TrackerDeps, 'identity' | 'isHidden'>,
  now: number,
  intentAt: number | null,
): Active {
  const { identity } = deps;
  const meta: SessionMeta = {
    id: newSessionId(),
    pageHost: identity.pageHost,
    frameHost: identity.frameHost,
    service: identity.service,
    startedAt: now,
    tzOffsetMin: tzOffsetMinutes(new Date(now)),
    delivery: v.currentSrc.startsWith('blob:') ? 'mse' : 'progressive',
    preview: v.muted && (v.loop || (v.autoplay && !v.controls)),
  };
  const connection = connectionType();
  if (connection) meta.connection = connection;
  return {
    meta,
    src: v.currentSrc,
    machine: { ...createMachine({ hidden: deps.isHidden() }), intentAt },
    sampleSeq: 0,
    eventSeq: 0,
    lastSampleAt: now,
    frames: frameCounts(v),
    w: v.videoWidth,
    h: v.videoHeight,
    stalls: 0,
    stallMs: 0,
    startupMs: null,
    lastStallAt: null,
    lastDropAt: null,
    spark: [],
    lastBr: null,
    cmcdLog: new Map(),
  };
}
