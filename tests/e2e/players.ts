/** The four real players the suite drives, and how to read what each one itself saw. */
import type { Page } from '@playwright/test';
import type { OriginName, StreamServer } from '../server';

export type PlayerName = 'dash' | 'hls' | 'shaka' | 'plain';
export const PLAYERS: readonly PlayerName[] = ['dash', 'hls', 'shaka', 'plain'];

export interface Rebuffer {
  start: number;
  end: number | null;
  durationMs: number;
  ongoing: boolean;
}
export interface TruthSummary {
  player: string;
  intentWall: number | null;
  firstPlayingWall: number | null;
  startupMs: number | null;
  rebuffers: Rebuffer[];
  rebufferCount: number;
  framesDecoded: number | null;
  currentTime: number | null;
  errors: number;
}

export interface TruthEvent {
  type: string;
  wall: number;
  currentTime: number;
  videoWidth: number;
  videoHeight: number;
}
export interface TruthSwitch {
  wall: number;
  /** The playhead when the player reported the switch. */
  currentTime: number;
  id?: string;
  bitrateKbps?: number;
  width?: number;
  height?: number;
  rendered?: boolean;
}

export function playerUrl(
  server: StreamServer,
  player: PlayerName,
  query = '',
  origin: OriginName = 'a',
): string {
  return server.url(origin, `/players/${player}.html${query ? `?${query}` : ''}`);
}

export async function truthSummary(page: Page): Promise<TruthSummary> {
  return page.evaluate(() => (window as unknown as { __truthSummary(): TruthSummary }).__truthSummary());
}

export async function truthLog(page: Page): Promise<{ events: TruthEvent[]; switches: TruthSwitch[] }> {
  return page.evaluate(() => {
    const t = (window as unknown as { __truth: { events: TruthEvent[]; switches: TruthSwitch[] } }).__truth;
    return { events: t.events, switches: t.switches };
  });
}

/** Resolves once the playhead has passed `seconds` with frames decoded. */
export async function waitForPlayback(page: Page, seconds = 2, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    (s) => {
      const v = document.querySelector('video');
      return !!v && v.currentTime > s && (v.getVideoPlaybackQuality?.().totalVideoFrames ?? 0) > 0;
    },
    seconds,
    { timeout, polling: 250 },
  );
}

/**
 * Throttle schedule that makes any of the players stall once: full speed to start, then well below
 * the lowest rendition (240p ≈ 0.4 Mbps + audio) long enough to drain a small buffer, then full.
 */
export function stallSchedule(
  player: PlayerName,
): Array<{ durationMs: number; bytesPerSecond: number | null }> {
  if (player === 'plain') {
    // A progressive file is fetched as fast as the link allows: keep the link just above its bitrate
    // so the buffer stays short, then choke it.
    return [
      { durationMs: 8_000, bytesPerSecond: 450_000 },
      { durationMs: 12_000, bytesPerSecond: 20_000 },
      { durationMs: 1_000, bytesPerSecond: null },
    ];
  }
  return [
    { durationMs: 6_000, bytesPerSecond: null },
    { durationMs: 14_000, bytesPerSecond: 25_000 },
    { durationMs: 1_000, bytesPerSecond: null },
  ];
}
