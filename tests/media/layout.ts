// Shared description of the generated test media (see tests/media/generate.ts).
// Everything other test code needs to locate files or interpret ground truth lives here,
// so this module must stay free of side effects (no fs access, no ffmpeg).
import { fileURLToPath } from 'node:url';

/** Bump when the on-disk layout or the ground-truth shape changes; forces regeneration. */
export const MEDIA_LAYOUT_VERSION = 1;

/** Absolute path of the generated media cache (git-ignored via tests/.cache/). */
export const MEDIA_DIR: string = fileURLToPath(new URL('../.cache/media/', import.meta.url)).replace(
  /\/$/,
  '',
);

/** Written last by the generator: its presence (with a matching paramsHash) means "complete". */
export const INDEX_FILE = 'index.json';
export const INDEX_PATH = `${MEDIA_DIR}/${INDEX_FILE}`;

export const SOURCE_DURATION_S = 60;
export const SHORT_DURATION_S = 10;
export const SEGMENT_DURATION_S = 2;
export const FPS = 30;
/** One keyframe per segment so every rendition switches cleanly at segment boundaries. */
export const GOP_FRAMES = SEGMENT_DURATION_S * FPS;
export const AUDIO_KBPS = 128;
export const AUDIO_SAMPLE_RATE = 48000;

export const RENDITION_IDS = ['240p', '480p', '720p', '1080p'] as const;
export type RenditionId = (typeof RENDITION_IDS)[number];

export const PROGRESSIVE_IDS = ['mp4', 'webm', 'short'] as const;
export type ProgressiveId = (typeof PROGRESSIVE_IDS)[number];

export type TruthId = RenditionId | ProgressiveId;
export const TRUTH_IDS: readonly TruthId[] = [...RENDITION_IDS, ...PROGRESSIVE_IDS];

export interface LadderStep {
  readonly id: RenditionId;
  readonly height: number;
  /** Target video bitrate (x264 -b:v / -maxrate); measured values are in the ground truth. */
  readonly videoKbps: number;
}

/** The adaptive ladder, lowest first. Width follows from scale=-2:height on a 16:9 source. */
export const LADDER: readonly LadderStep[] = [
  { id: '240p', height: 240, videoKbps: 400 },
  { id: '480p', height: 480, videoKbps: 1000 },
  { id: '720p', height: 720, videoKbps: 2500 },
  { id: '1080p', height: 1080, videoKbps: 5000 },
];

export interface ProgressiveSpec {
  readonly id: ProgressiveId;
  /** Path relative to MEDIA_DIR. */
  readonly path: string;
  readonly height: number;
  readonly videoKbps: number;
  readonly durationS: number;
}

export const PROGRESSIVE: Readonly<Record<ProgressiveId, ProgressiveSpec>> = {
  mp4: {
    id: 'mp4',
    path: 'progressive/video.mp4',
    height: 720,
    videoKbps: 2500,
    durationS: SOURCE_DURATION_S,
  },
  webm: {
    id: 'webm',
    path: 'progressive/video.webm',
    height: 480,
    videoKbps: 1000,
    durationS: SOURCE_DURATION_S,
  },
  short: {
    id: 'short',
    path: 'progressive/short.mp4',
    height: 480,
    videoKbps: 1000,
    durationS: SHORT_DURATION_S,
  },
};

// Paths below are relative to MEDIA_DIR and use '/' so they can be appended to a server base URL.
export const DASH_MPD = 'dash/manifest.mpd';
/** DASH Representation@id of the audio track (video Representation ids equal the RenditionId). */
export const DASH_AUDIO_REPRESENTATION_ID = 'audio';
export const HLS_MASTER = 'hls/master.m3u8';
export const HLS_AUDIO_PLAYLIST = 'hls/audio/playlist.m3u8';
export const HLS_AUDIO_GROUP_ID = 'aud';

export function groundTruthPath(id: TruthId): string {
  return `ground-truth/${id}.json`;
}

/** Absolute filesystem path of a MEDIA_DIR-relative path. */
export function mediaPath(relativePath: string): string {
  return `${MEDIA_DIR}/${relativePath}`;
}

/** Fields shared by every ground-truth record. All measured values come from ffprobe on the output files. */
export interface TruthCommon {
  id: TruthId;
  kind: 'ladder' | 'progressive';
  width: number;
  height: number;
  fps: number;
  codec: 'h264' | 'vp9';
  /** RFC 6381 codecs value for the video track, e.g. "avc1.64001f" (WebM: "vp9"). */
  codecString: string;
  audioCodec: 'aac' | 'opus';
  /** RFC 6381 codecs value for the audio track ("mp4a.40.2" or "opus"). */
  audioCodecString: string;
  mimeType: 'video/mp4' | 'video/webm';
  /** Encoder target video bitrate. */
  nominalKbps: number;
  /** Sum of video packet payload sizes × 8 / video duration. */
  measuredVideoKbps: number;
  /** Sum of audio packet payload sizes × 8 / audio duration. */
  measuredAudioKbps: number;
  /**
   * Container bytes × 8 / duration. Progressive: whole file. Ladder: video init + segments plus audio
   * init + segments of the DASH output, i.e. what a player downloads when it stays on this rendition.
   */
  measuredTotalKbps: number;
  /** Video duration measured from packet timestamps. */
  durationS: number;
  /** Median distance between keyframes. */
  keyframeIntervalS: number;
}

export interface LadderTruth extends TruthCommon {
  kind: 'ladder';
  id: RenditionId;
  segmentDurationS: number;
  /**
   * Byte size of each DASH video media segment file (init excluded); entry i covers
   * [i × segmentDurationS, (i + 1) × segmentDurationS).
   */
  segmentBytes: number[];
  /** Video packet payload bytes per segment window (no container overhead). */
  segmentPayloadBytes: number[];
  dash: {
    representationId: string;
    /** Value of Representation@bandwidth in the MPD (bits/s). */
    bandwidth: number;
    initPath: string;
    initBytes: number;
    /** MEDIA_DIR-relative paths, same order as segmentBytes. */
    segmentPaths: string[];
  };
  hls: {
    playlist: string;
    initPath: string;
    initBytes: number;
    segmentPaths: string[];
    segmentBytes: number[];
    segmentDurationsS: number[];
  };
}

export interface ProgressiveTruth extends TruthCommon {
  kind: 'progressive';
  id: ProgressiveId;
  path: string;
  fileBytes: number;
  segmentDurationS: null;
}

export type RenditionTruth = LadderTruth | ProgressiveTruth;

export interface DashRepresentationRef {
  /** Representation@id in the MPD. */
  representationId: string;
  bandwidth: number;
  codecs: string;
  width: number;
  height: number;
}

export interface HlsVariantRef {
  playlist: string;
  /** BANDWIDTH attribute: peak segment bitrate of video + audio (bits/s). */
  bandwidth: number;
  /** AVERAGE-BANDWIDTH attribute (bits/s). */
  averageBandwidth: number;
  codecs: string;
  resolution: string;
}

export interface MediaIndex {
  version: number;
  /** sha256 of every ffmpeg invocation plus layout constants; a mismatch triggers regeneration. */
  paramsHash: string;
  generatedAt: string;
  generationSeconds: number;
  ffmpegVersion: string;
  durationS: number;
  segmentDurationS: number;
  fps: number;
  dash: {
    mpd: string;
    audioRepresentationId: string;
    representations: Record<RenditionId, DashRepresentationRef>;
  };
  hls: {
    master: string;
    /** 'separate': EXT-X-MEDIA audio group, video playlists carry video only. */
    audio: 'separate' | 'muxed';
    segmentFormat: 'fmp4' | 'ts';
    audioPlaylist: string | null;
    variants: Record<RenditionId, HlsVariantRef>;
  };
  progressive: Record<ProgressiveId, string>;
  /** Ladder renditions (lowest first) followed by mp4, webm, short. Same content as ground-truth/<id>.json. */
  renditions: RenditionTruth[];
}

export function isLadderTruth(truth: RenditionTruth): truth is LadderTruth {
  return truth.kind === 'ladder';
}

export function ladderTruths(index: MediaIndex): LadderTruth[] {
  return index.renditions.filter(isLadderTruth);
}

export function findTruth(index: MediaIndex, id: RenditionId): LadderTruth;
export function findTruth(index: MediaIndex, id: ProgressiveId): ProgressiveTruth;
export function findTruth(index: MediaIndex, id: TruthId): RenditionTruth;
export function findTruth(index: MediaIndex, id: TruthId): RenditionTruth {
  const truth = index.renditions.find((t) => t.id === id);
  if (!truth) throw new Error(`media index has no ground truth for ${id}`);
  return truth;
}
