// The ffmpeg invocations that produce the test media. Every command is built up front from layout
// constants, with paths relative to the staging folder, so hashing the plan captures all generation
// parameters (see planHash) and moving the repository does not invalidate the cache.
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import {
  AUDIO_KBPS,
  AUDIO_SAMPLE_RATE,
  DASH_AUDIO_REPRESENTATION_ID,
  DASH_MPD,
  FPS,
  GOP_FRAMES,
  HLS_AUDIO_GROUP_ID,
  HLS_AUDIO_PLAYLIST,
  HLS_MASTER,
  LADDER,
  type LadderStep,
  MEDIA_LAYOUT_VERSION,
  PROGRESSIVE,
  type ProgressiveSpec,
  type RenditionId,
  SEGMENT_DURATION_S,
  SOURCE_DURATION_S,
} from './layout';

/** Intermediate per-rendition encodes, deleted before the staging folder is published. */
export const WORK_DIR = 'work';
const AUDIO_MEZZANINE = `${WORK_DIR}/audio.m4a`;
/** ~40% less CPU than veryfast at the same bitrate accuracy; keeps generation to a few minutes on 2 cores. */
const X264_PRESET = 'superfast';
const AAC_FRAME_SAMPLES = 1024;

export interface FfmpegCommand {
  label: string;
  args: string[];
}

export interface Plan {
  ladder: FfmpegCommand;
  webm: FfmpegCommand;
  dash: FfmpegCommand;
  hls: FfmpegCommand;
  mp4: FfmpegCommand;
  short: FfmpegCommand;
}

const FFMPEG_COMMON = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'error', '-y'];

function videoMezzanine(id: RenditionId): string {
  return `${WORK_DIR}/video-${id}.mp4`;
}

/**
 * AAC frames are 1024 samples, so 60 s never ends on a frame boundary and the encoder's last
 * (padded) frame would spill past the video, producing a ~21 ms trailing DASH/HLS audio segment.
 * Trimming to one frame short of the boundary (priming frame included) keeps the audio ≤ video.
 */
function audioSampleCount(durationS: number): number {
  return (Math.floor((durationS * AUDIO_SAMPLE_RATE) / AAC_FRAME_SAMPLES) - 1) * AAC_FRAME_SAMPLES;
}

/**
 * Deterministic synthetic source: testsrc2 plus a moving testsrc box (it shows a running clock)
 * and seeded temporal noise, so the encoder cannot undershoot the target bitrate on static areas.
 * Produces [src] (1080p yuv420p) and [aud] (stereo 48 kHz tone that beeps every second).
 */
function sourceGraph(durationS: number): string {
  const video =
    `testsrc2=size=1920x1080:rate=${FPS}:duration=${durationS}[bg];` +
    `testsrc=size=384x216:rate=${FPS}:duration=${durationS}[box];` +
    "[bg][box]overlay=x='mod(t*320,W-w)':y='(H-h)/2*(1+sin(t*1.3))'," +
    'noise=alls=6:allf=t+u:all_seed=4242,format=yuv420p[src]';
  const audio =
    `sine=frequency=440:beep_factor=4:sample_rate=${AUDIO_SAMPLE_RATE}:duration=${durationS},` +
    `atrim=end_sample=${audioSampleCount(durationS)},pan=stereo|c0=c0|c1=c0[aud]`;
  return `${video};${audio}`;
}

/** Fixed GOP on a 2 s grid so segments of all renditions are aligned and independently decodable. */
function gopArgs(): string[] {
  return [
    '-g',
    String(GOP_FRAMES),
    '-keyint_min',
    String(GOP_FRAMES),
    '-force_key_frames',
    `expr:gte(t,n_forced*${SEGMENT_DURATION_S})`,
  ];
}

/** ABR with a 1 s VBV buffer: close to CBR, so per-segment bitrates stay near the target. */
function rateArgs(kbps: number): string[] {
  return ['-b:v', `${kbps}k`, '-maxrate', `${kbps}k`, '-bufsize', `${kbps}k`];
}

function aacArgs(): string[] {
  return ['-c:a', 'aac', '-b:a', `${AUDIO_KBPS}k`, '-ar', String(AUDIO_SAMPLE_RATE), '-ac', '2'];
}

/** One process renders the source once and encodes every rung from it (split), plus the audio. */
function ladderCommand(): FfmpegCommand {
  const splits = LADDER.map((_, i) => `[s${i}]`).join('');
  const scales = LADDER.map((step, i) => `[s${i}]scale=-2:${step.height}[v${step.id}]`).join(';');
  const graph = `${sourceGraph(SOURCE_DURATION_S)};[src]split=${LADDER.length}${splits};${scales}`;
  const outputs = LADDER.flatMap((step: LadderStep) => [
    '-map',
    `[v${step.id}]`,
    '-c:v',
    'libx264',
    '-preset',
    X264_PRESET,
    '-profile:v',
    'high',
    ...gopArgs(),
    // No extra keyframes on scene cuts: they would break the 2 s grid.
    '-sc_threshold',
    '0',
    ...rateArgs(step.videoKbps),
    '-an',
    videoMezzanine(step.id),
  ]);
  return {
    label: 'encode H.264 ladder + AAC',
    args: [
      ...FFMPEG_COMMON,
      '-filter_complex',
      graph,
      ...outputs,
      '-map',
      '[aud]',
      ...aacArgs(),
      '-vn',
      AUDIO_MEZZANINE,
    ],
  };
}

function webmCommand(): FfmpegCommand {
  const spec = PROGRESSIVE.webm;
  const graph = `${sourceGraph(spec.durationS)};[src]scale=-2:${spec.height}[v]`;
  const kbps = `${spec.videoKbps}k`;
  return {
    label: 'encode VP9/Opus webm',
    args: [
      ...FFMPEG_COMMON,
      '-filter_complex',
      graph,
      '-map',
      '[v]',
      '-c:v',
      'libvpx-vp9',
      // Realtime mode keeps VP9 within the time budget on two cores.
      '-deadline',
      'realtime',
      '-cpu-used',
      '8',
      '-row-mt',
      '1',
      ...gopArgs(),
      // minrate = maxrate = b:v selects libvpx CBR.
      '-b:v',
      kbps,
      '-minrate',
      kbps,
      '-maxrate',
      kbps,
      '-bufsize',
      kbps,
      '-map',
      '[aud]',
      '-c:a',
      'libopus',
      '-b:a',
      '96k',
      spec.path,
    ],
  };
}

/** Inputs in ladder order followed by the audio, so output stream i is LADDER[i] and audio is last. */
function ladderInputs(): string[] {
  return [...LADDER.flatMap((step) => ['-i', videoMezzanine(step.id)]), '-i', AUDIO_MEZZANINE];
}

function ladderMaps(): string[] {
  return [...LADDER.flatMap((_, i) => ['-map', `${i}:v`]), '-map', `${LADDER.length}:a`];
}

function dashCommand(): FfmpegCommand {
  return {
    label: 'mux DASH',
    args: [
      ...FFMPEG_COMMON,
      ...ladderInputs(),
      ...ladderMaps(),
      '-c',
      'copy',
      '-f',
      'dash',
      '-seg_duration',
      String(SEGMENT_DURATION_S),
      '-use_template',
      '1',
      '-use_timeline',
      '0',
      '-adaptation_sets',
      'id=0,streams=v id=1,streams=a',
      // ffmpeg numbers representations by stream index; renameDashRepresentations() maps them to ids.
      '-init_seg_name',
      'init-$RepresentationID$.m4s',
      '-media_seg_name',
      'seg-$RepresentationID$-$Number%05d$.m4s',
      DASH_MPD,
    ],
  };
}

function hlsCommand(): FfmpegCommand {
  const videoVariants = LADDER.map((step, i) => `v:${i},agroup:${HLS_AUDIO_GROUP_ID},name:${step.id}`);
  // %v expands to the variant name, so the audio playlist lands at HLS_AUDIO_PLAYLIST.
  const audioName = posix.basename(posix.dirname(HLS_AUDIO_PLAYLIST));
  const audioVariant = `a:0,agroup:${HLS_AUDIO_GROUP_ID},name:${audioName},default:yes`;
  return {
    // No -master_pl_name: ffmpeg's master lacks CODECS/AVERAGE-BANDWIDTH, writeHlsMaster() adds them.
    label: 'mux HLS',
    args: [
      ...FFMPEG_COMMON,
      ...ladderInputs(),
      ...ladderMaps(),
      '-c',
      'copy',
      '-f',
      'hls',
      '-hls_time',
      String(SEGMENT_DURATION_S),
      '-hls_playlist_type',
      'vod',
      '-hls_segment_type',
      'fmp4',
      '-hls_flags',
      'independent_segments',
      '-hls_fmp4_init_filename',
      'init.mp4',
      '-hls_segment_filename',
      `${posix.dirname(HLS_MASTER)}/%v/seg-%05d.m4s`,
      '-var_stream_map',
      [...videoVariants, audioVariant].join(' '),
      `${posix.dirname(HLS_MASTER)}/%v/playlist.m3u8`,
    ],
  };
}

/** Progressive MP4s reuse the ladder encode (stream copy) instead of encoding again. */
function progressiveMp4Command(spec: ProgressiveSpec, label: string): FfmpegCommand {
  const step = LADDER.find((s) => s.height === spec.height && s.videoKbps === spec.videoKbps);
  if (!step) throw new Error(`no ladder rung matches progressive ${spec.id}`);
  return {
    label,
    args: [
      ...FFMPEG_COMMON,
      '-i',
      videoMezzanine(step.id),
      '-i',
      AUDIO_MEZZANINE,
      '-map',
      '0:v',
      '-map',
      '1:a',
      '-c',
      'copy',
      '-t',
      String(spec.durationS),
      '-movflags',
      '+faststart',
      spec.path,
    ],
  };
}

export function buildPlan(): Plan {
  return {
    ladder: ladderCommand(),
    webm: webmCommand(),
    dash: dashCommand(),
    hls: hlsCommand(),
    mp4: progressiveMp4Command(PROGRESSIVE.mp4, 'mux progressive mp4'),
    short: progressiveMp4Command(PROGRESSIVE.short, 'mux short mp4'),
  };
}

/** Also covers post-processing choices that are not visible in the ffmpeg arguments. */
export function planHash(plan: Plan): string {
  const params = {
    layoutVersion: MEDIA_LAYOUT_VERSION,
    plan,
    dashRepresentationIds: [...LADDER.map((s) => s.id), DASH_AUDIO_REPRESENTATION_ID],
    hlsMaster: { path: HLS_MASTER, group: HLS_AUDIO_GROUP_ID },
  };
  return createHash('sha256').update(JSON.stringify(params)).digest('hex');
}
