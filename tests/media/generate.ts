// Generates the test media described in ./layout.ts with ffmpeg and measures its ground truth.
//
//   npx tsx tests/media/generate.ts [--force]
//
// or `await ensureMedia()` from other scripts. Generation happens in a staging folder that is moved
// into place only once index.json has been written, so MEDIA_DIR is either complete or absent.
import { realpathSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DASH_AUDIO_REPRESENTATION_ID,
  DASH_MPD,
  type DashRepresentationRef,
  FPS,
  groundTruthPath,
  HLS_AUDIO_PLAYLIST,
  HLS_MASTER,
  type HlsVariantRef,
  INDEX_FILE,
  INDEX_PATH,
  LADDER,
  type LadderTruth,
  MEDIA_DIR,
  MEDIA_LAYOUT_VERSION,
  type MediaIndex,
  mediaPath,
  PROGRESSIVE,
  PROGRESSIVE_IDS,
  type ProgressiveId,
  type ProgressiveTruth,
  type RenditionId,
  type RenditionTruth,
  SEGMENT_DURATION_S,
  SOURCE_DURATION_S,
  TRUTH_IDS,
} from './layout';
import {
  buildHlsVariants,
  dashRepresentationAttributes,
  hlsMasterText,
  readHlsPlaylist,
  renameDashRepresentations,
} from './packaging';
import { buildPlan, type Plan, planHash, WORK_DIR } from './plan';
import {
  type Measured,
  type MeasuredLadder,
  measureDashAudio,
  measureLadderRendition,
  measureProgressive,
  validateLadder,
  validateProgressive,
} from './truth';
import { ffmpegVersion, isErrno, mapLimit, round, runFfmpeg, seconds } from './util';

/** Built next to MEDIA_DIR so the final rename stays on one filesystem (atomic). */
const STAGING_DIR = `${MEDIA_DIR}.partial`;
const LOCK_DIR = `${MEDIA_DIR}.lock`;
const LOCK_TIMEOUT_MS = 20 * 60_000;

export interface EnsureMediaOptions {
  /** Regenerate even if a complete, up-to-date index exists. */
  force?: boolean;
  /** Progress sink; defaults to console.log with a "[media]" prefix. */
  log?: (message: string) => void;
}

// ---------------------------------------------------------------------------------------------
// Generation
// ---------------------------------------------------------------------------------------------

async function prepareStaging(): Promise<void> {
  await rm(STAGING_DIR, { recursive: true, force: true });
  for (const dir of [
    WORK_DIR,
    posix.dirname(DASH_MPD),
    posix.dirname(HLS_MASTER),
    'progressive',
    'ground-truth',
  ]) {
    await mkdir(`${STAGING_DIR}/${dir}`, { recursive: true });
  }
}

async function encodeAndPackage(plan: Plan, log: (m: string) => void): Promise<void> {
  // ffmpeg 5 filters and muxes on one thread, so the ladder alone cannot keep two cores busy:
  // encode the VP9 file at the same time.
  await Promise.all([runFfmpeg(plan.ladder, STAGING_DIR, log), runFfmpeg(plan.webm, STAGING_DIR, log)]);
  // Stream copies: I/O-bound and quick.
  await Promise.all(
    [plan.dash, plan.hls, plan.mp4, plan.short].map((command) => runFfmpeg(command, STAGING_DIR, log)),
  );
  await renameDashRepresentations(STAGING_DIR);
  await rm(`${STAGING_DIR}/${WORK_DIR}`, { recursive: true, force: true });
}

interface Measurements {
  ladder: MeasuredLadder[];
  progressive: Measured<ProgressiveTruth>[];
}

async function measureAll(mpd: string, log: (m: string) => void): Promise<Measurements> {
  const started = Date.now();
  const audio = await measureDashAudio(STAGING_DIR);
  const ladder = await mapLimit(LADDER, 2, (step) => measureLadderRendition(STAGING_DIR, step, mpd, audio));
  const progressive = await mapLimit(PROGRESSIVE_IDS, 2, (id: ProgressiveId) =>
    measureProgressive(STAGING_DIR, PROGRESSIVE[id]),
  );
  log(`measure with ffprobe: ${seconds(Date.now() - started)} s`);
  return { ladder, progressive };
}

async function writeHlsMaster(ladder: readonly LadderTruth[]): Promise<Record<RenditionId, HlsVariantRef>> {
  const variants = new Map(
    await Promise.all(
      ladder.map(async (t) => {
        const playlist = await readHlsPlaylist(STAGING_DIR, t.hls.playlist);
        return [t.id, { playlist, codecs: t.codecString, width: t.width, height: t.height }] as const;
      }),
    ),
  );
  const refs = buildHlsVariants(variants, await readHlsPlaylist(STAGING_DIR, HLS_AUDIO_PLAYLIST));
  await writeFile(`${STAGING_DIR}/${HLS_MASTER}`, hlsMasterText(refs));
  return refs;
}

function buildIndex(
  paramsHash: string,
  ffmpeg: string,
  startedMs: number,
  mpd: string,
  hlsVariants: Record<RenditionId, HlsVariantRef>,
  renditions: RenditionTruth[],
): MediaIndex {
  const representations = Object.fromEntries(
    LADDER.map((step): [RenditionId, DashRepresentationRef] => {
      const truth = renditions.find((r) => r.id === step.id);
      return [
        step.id,
        {
          representationId: step.id,
          ...dashRepresentationAttributes(mpd, step.id),
          width: truth?.width ?? 0,
          height: truth?.height ?? 0,
        },
      ];
    }),
  ) as Record<RenditionId, DashRepresentationRef>;
  return {
    version: MEDIA_LAYOUT_VERSION,
    paramsHash,
    generatedAt: new Date().toISOString(),
    generationSeconds: round((Date.now() - startedMs) / 1000, 1),
    ffmpegVersion: ffmpeg,
    durationS: SOURCE_DURATION_S,
    segmentDurationS: SEGMENT_DURATION_S,
    fps: FPS,
    dash: { mpd: DASH_MPD, audioRepresentationId: DASH_AUDIO_REPRESENTATION_ID, representations },
    hls: {
      master: HLS_MASTER,
      audio: 'separate',
      segmentFormat: 'fmp4',
      audioPlaylist: HLS_AUDIO_PLAYLIST,
      variants: hlsVariants,
    },
    progressive: Object.fromEntries(PROGRESSIVE_IDS.map((id) => [id, PROGRESSIVE[id].path])) as Record<
      ProgressiveId,
      string
    >,
    renditions,
  };
}

async function writeJson(path: string, value: unknown): Promise<void> {
  await writeFile(path, `${JSON.stringify(value, null, 2)}\n`);
}

async function generate(plan: Plan, paramsHash: string, log: (m: string) => void): Promise<MediaIndex> {
  const started = Date.now();
  log(`generating test media into ${MEDIA_DIR} (takes a few minutes)`);
  await prepareStaging();
  await encodeAndPackage(plan, log);

  const mpd = await readFile(`${STAGING_DIR}/${DASH_MPD}`, 'utf8');
  const measured = await measureAll(mpd, log);
  const problems = [...validateLadder(measured.ladder), ...validateProgressive(measured.progressive)];
  if (problems.length > 0) throw new Error(`generated media failed validation:\n  ${problems.join('\n  ')}`);

  const ladder = measured.ladder.map((m) => m.truth);
  const hlsVariants = await writeHlsMaster(ladder);
  const renditions: RenditionTruth[] = [...ladder, ...measured.progressive.map((m) => m.truth)];
  for (const truth of renditions) await writeJson(`${STAGING_DIR}/${groundTruthPath(truth.id)}`, truth);
  const index = buildIndex(paramsHash, await ffmpegVersion(), started, mpd, hlsVariants, renditions);
  // index.json last: its presence marks the folder complete.
  await writeJson(`${STAGING_DIR}/${INDEX_FILE}`, index);

  await rm(MEDIA_DIR, { recursive: true, force: true });
  await rename(STAGING_DIR, MEDIA_DIR);
  log(`done in ${seconds(Date.now() - started)} s`);
  return index;
}

// ---------------------------------------------------------------------------------------------
// Cache check and locking
// ---------------------------------------------------------------------------------------------

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return false;
    throw error;
  }
}

function referencedFiles(index: MediaIndex): string[] {
  const files = [
    index.dash.mpd,
    index.hls.master,
    ...Object.values(index.hls.variants).map((v) => v.playlist),
    ...Object.values(index.progressive),
    ...TRUTH_IDS.map(groundTruthPath),
  ];
  if (index.hls.audioPlaylist) files.push(index.hls.audioPlaylist);
  for (const t of index.renditions) {
    if (t.kind !== 'ladder') continue;
    files.push(t.dash.initPath, ...t.dash.segmentPaths, t.hls.initPath, ...t.hls.segmentPaths);
  }
  return files;
}

/** The current index if it is complete and was produced with the given parameters, else null. */
async function readCompleteIndex(paramsHash: string): Promise<MediaIndex | null> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(INDEX_PATH, 'utf8'));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  if (!('version' in parsed) || parsed.version !== MEDIA_LAYOUT_VERSION) return null;
  if (!('paramsHash' in parsed) || parsed.paramsHash !== paramsHash) return null;
  // Same layout version and parameters: the file was written by this generator, so the shape holds.
  const index = parsed as MediaIndex;
  const present = await Promise.all(referencedFiles(index).map((f) => exists(mediaPath(f))));
  return present.every(Boolean) ? index : null;
}

/** Current index if complete and up to date, without generating anything. */
export async function readMediaIndex(): Promise<MediaIndex | null> {
  return readCompleteIndex(planHash(buildPlan()));
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return !isErrno(error, 'ESRCH');
  }
}

async function lockIsStale(): Promise<boolean> {
  try {
    const pid = Number(await readFile(`${LOCK_DIR}/owner`, 'utf8'));
    return !processAlive(pid);
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) throw error;
    // Owner file not written yet: only stale if the lock has been ownerless for a while.
    try {
      return Date.now() - (await stat(LOCK_DIR)).mtimeMs > 30_000;
    } catch {
      return false;
    }
  }
}

/** Cross-process mutex (mkdir is atomic) so parallel test runners don't generate concurrently. */
async function withLock<T>(fn: () => Promise<T>, log: (m: string) => void): Promise<T> {
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  await mkdir(posix.dirname(LOCK_DIR), { recursive: true });
  let announced = false;
  for (;;) {
    try {
      await mkdir(LOCK_DIR);
      break;
    } catch (error) {
      if (!isErrno(error, 'EEXIST')) throw error;
    }
    if (await lockIsStale()) {
      await rm(LOCK_DIR, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${LOCK_DIR}`);
    if (!announced) log('another process is generating test media; waiting');
    announced = true;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  await writeFile(`${LOCK_DIR}/owner`, String(process.pid));
  try {
    return await fn();
  } finally {
    await rm(LOCK_DIR, { recursive: true, force: true });
  }
}

async function ensureMediaUncached(options: EnsureMediaOptions): Promise<MediaIndex> {
  const log = options.log ?? ((message: string) => console.log(`[media] ${message}`));
  const plan = buildPlan();
  const paramsHash = planHash(plan);
  if (!options.force) {
    const index = await readCompleteIndex(paramsHash);
    if (index) return index;
  }
  return withLock(async () => {
    // Another process may have finished generating while we waited for the lock.
    const index = options.force ? null : await readCompleteIndex(paramsHash);
    return index ?? generate(plan, paramsHash, log);
  }, log);
}

let pending: Promise<MediaIndex> | undefined;

/**
 * Makes sure the test media exist and are up to date, generating them if needed (a few minutes),
 * and returns the index. Concurrent calls in one process share the work; across processes a lock
 * folder serialises generation.
 */
export function ensureMedia(options: EnsureMediaOptions = {}): Promise<MediaIndex> {
  if (!pending || options.force) {
    const attempt = ensureMediaUncached(options);
    pending = attempt;
    // Don't cache failures: a later call should retry.
    attempt.catch(() => {
      if (pending === attempt) pending = undefined;
    });
  }
  return pending;
}

/** Human-readable summary of the measured bitrates. */
export function formatBitrateTable(index: MediaIndex): string {
  const header = ['id', 'size', 'codec', 'nominal', 'video', 'audio', 'total', 'segs', 'seg min–max kbps'];
  const rows = index.renditions.map((t) => {
    const segs = t.kind === 'ladder' ? t.segmentBytes.map((b) => (b * 8) / t.segmentDurationS / 1000) : [];
    return [
      t.id,
      `${t.width}x${t.height}`,
      t.codec,
      String(t.nominalKbps),
      t.measuredVideoKbps.toFixed(1),
      t.measuredAudioKbps.toFixed(1),
      t.measuredTotalKbps.toFixed(1),
      segs.length ? String(segs.length) : '-',
      segs.length ? `${Math.min(...segs).toFixed(0)}–${Math.max(...segs).toFixed(0)}` : '-',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padStart(widths[i] ?? 0)).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

function isMainModule(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMainModule()) {
  const started = Date.now();
  ensureMedia({ force: process.argv.includes('--force') })
    .then((index) => {
      console.log(formatBitrateTable(index));
      console.log(
        `media ready in ${MEDIA_DIR} (this run ${seconds(Date.now() - started)} s; last generation took ${index.generationSeconds} s)`,
      );
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
