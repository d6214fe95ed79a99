/**
 * Accuracy against ground truth, per player: dash.js, hls.js and Shaka pinned to 720p (ABR off) and a
 * plain <video> of the progressive file, each through the throttle schedule the e2e uses to make it
 * stall once (tests/e2e/players.ts stallSchedule). What the extension stored is compared with:
 *   - stalls and startup: the player's own waiting/playing log (truth.js), stalls matched in order;
 *   - bitrate: the rendition's video bitrate measured by ffprobe (ground-truth/720p.json) for MSE, and
 *     the file's average (bytes × 8 / duration, ground-truth/mp4.json) for the progressive file, over
 *     samples in steady playback (more than 6 s of media after the first sample with an estimate).
 */
import { pathToFileURL } from 'node:url';
import { eventsOf } from '../e2e/history';
import {
  PLAYERS,
  type PlayerName,
  playerUrl,
  stallSchedule,
  truthSummary,
  waitForPlayback,
} from '../e2e/players';
import { ensureMedia, readMediaIndex } from '../media/generate';
import { findTruth } from '../media/layout';
import { startStreamServer } from '../server';
import { launchWithExtension, median, sleep, until } from './browser';

export interface AccuracyRow {
  player: PlayerName;
  stallsPlayer: number;
  stallsExtension: number;
  /** Player stalls with a recorded stall starting within 1 s. */
  stallsMatched: number;
  /** |extension − player| per matched stall, ms. */
  stallErrorMs: { mean: number; max: number };
  stallMsPlayer: number;
  stallMsExtension: number;
  startupPlayerMs: number | null;
  startupExtensionMs: number | null;
  startupErrorMs: number | null;
  truthKbps: number;
  /** |estimate − truth| / truth over steady samples, percent. */
  bitrateErrorPct: { median: number; max: number; samples: number };
  /** Samples in the playing state, and how many of them carried a bitrate estimate at all. */
  playingSamples: number;
  playingSamplesWithBitrate: number;
}
export interface AccuracyResult {
  rows: AccuracyRow[];
  method: string;
}

export async function runAccuracyBench(
  opts: { players?: readonly PlayerName[]; log?: (s: string) => void } = {},
): Promise<AccuracyResult> {
  const log = opts.log ?? (() => undefined);
  await ensureMedia();
  const index = await readMediaIndex();
  if (!index) throw new Error('test media missing');
  const server = await startStreamServer();
  const b = await launchWithExtension();
  const rows: AccuracyRow[] = [];
  try {
    for (const player of opts.players ?? PLAYERS) {
      const known = new Set((await b.extension.history()).sessions.map((s) => s.id));
      const page = await b.context.newPage();
      const schedule = stallSchedule(player);
      server.throttle('a').schedule(schedule);
      const scheduleEnd = Date.now() + schedule.reduce((a, x) => a + x.durationMs, 0);
      await page.goto(playerUrl(server, player, player === 'plain' ? '' : 'buffer=6&quality=720p'));
      await waitForPlayback(page, 2);
      // Close only once the link is open again and the player is not waiting: nothing is cut short.
      const settled = async () => {
        const t = await truthSummary(page);
        const done = t.rebuffers.some((r) => !r.ongoing) && !t.rebuffers.some((r) => r.ongoing);
        return done && Date.now() > scheduleEnd ? true : undefined;
      };
      await until(settled, `${player} to stall and recover`, 60_000, 500);
      await sleep(2_000);
      await until(settled, `${player} playing at the end`, 20_000, 250);
      const truth = await truthSummary(page);
      await page.close();
      server.throttle('a').clear();
      const h = await until(
        async () => {
          const x = await b.extension.history();
          return x.sessions.some((s) => !known.has(s.id) && s.endedAt !== undefined) ? x : undefined;
        },
        `${player} session stored`,
        15_000,
        500,
      );
      const session = h.sessions.find((s) => !known.has(s.id)) as (typeof h.sessions)[number];
      const episodes = truth.rebuffers.filter((r) => !r.ongoing);
      const stalls = eventsOf(h, session.id, 'stall');
      // Each of the player's stalls against the recorded one that starts nearest it (within 1 s).
      const errs = episodes.flatMap((ep) => {
        const st = stalls.find((x) => Math.abs((x.t as number) - ep.start) <= 1_000);
        return st ? [Math.abs((st.durationMs as number) - ep.durationMs)] : [];
      });
      const startup = eventsOf(h, session.id, 'startup')[0]?.durationMs as number | undefined;
      const truthKbps =
        player === 'plain'
          ? (() => {
              const t = findTruth(index, 'mp4') as { fileBytes?: number; durationS: number };
              return ((t.fileBytes ?? 0) * 8) / 1000 / t.durationS;
            })()
          : findTruth(index, '720p').measuredVideoKbps;
      const playing = h.samples.filter((s) => s.sid === session.id && s.state === 'playing');
      const withBr = playing.filter((s) => s.br !== null).sort((x, y) => x.seq - y.seq);
      const firstMt = (withBr[0]?.mt as number | undefined) ?? 0;
      const brErr = withBr
        .filter((s) => (s.mt as number) > firstMt + 6)
        .map((s) => (Math.abs((s.br as number) - truthKbps) / truthKbps) * 100);
      const row: AccuracyRow = {
        player,
        stallsPlayer: episodes.length,
        stallsExtension: stalls.length,
        stallsMatched: errs.length,
        stallErrorMs: {
          mean: errs.length ? errs.reduce((a, x) => a + x, 0) / errs.length : Number.NaN,
          max: errs.length ? Math.max(...errs) : Number.NaN,
        },
        stallMsPlayer: episodes.reduce((a, r) => a + r.durationMs, 0),
        stallMsExtension: stalls.reduce((a, s) => a + (s.durationMs as number), 0),
        startupPlayerMs: truth.startupMs,
        startupExtensionMs: startup ?? null,
        startupErrorMs:
          startup !== undefined && truth.startupMs !== null ? Math.round(startup - truth.startupMs) : null,
        truthKbps,
        bitrateErrorPct: {
          median: median(brErr),
          max: brErr.length ? Math.max(...brErr) : Number.NaN,
          samples: brErr.length,
        },
        playingSamples: playing.length,
        playingSamplesWithBitrate: withBr.length,
      };
      log(
        `  ${player}: ${row.stallsExtension}/${row.stallsPlayer} stalls, startup error ${row.startupErrorMs} ms`,
      );
      rows.push(row);
    }
  } finally {
    server.throttle('a').clear();
    await b.close();
    await server.close();
  }
  return {
    rows,
    method:
      "Each player through tests/e2e/players.ts stallSchedule (MSE players at 720p, ABR off, buffer 6 s); stalls and startup against the player's own waiting/playing log, bitrate against ffprobe's measurement of the rendition (video only for MSE; the whole file's average for progressive).",
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runAccuracyBench({ log: (s) => console.log(s) }).then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
