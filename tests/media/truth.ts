// Measures the generated files into ground-truth records and checks them against the layout.
import {
  DASH_AUDIO_REPRESENTATION_ID,
  FPS,
  LADDER,
  type LadderStep,
  type LadderTruth,
  PROGRESSIVE,
  type ProgressiveSpec,
  type ProgressiveTruth,
  type RenditionTruth,
  SEGMENT_DURATION_S,
  SOURCE_DURATION_S,
} from './layout';
import {
  dashInitPath,
  dashRepresentationAttributes,
  dashSegmentPaths,
  hlsVariantPlaylistPath,
  readHlsPlaylist,
} from './packaging';
import { avcCodecString, kbps, keyframeIntervalS, probe, requireStream, type StreamStats } from './probe';
import { fileSize, round } from './util';

export interface DashAudioTruth {
  stats: StreamStats;
  bytes: number;
}

function concatUrl(root: string, paths: readonly string[]): string {
  return `concat:${paths.map((p) => `${root}/${p}`).join('|')}`;
}

export async function measureDashAudio(root: string): Promise<DashAudioTruth> {
  const init = dashInitPath(DASH_AUDIO_REPRESENTATION_ID);
  const segments = await dashSegmentPaths(root, DASH_AUDIO_REPRESENTATION_ID);
  const stats = requireStream((await probe(concatUrl(root, [init, ...segments]))).audio, 'audio in DASH');
  const sizes = await Promise.all([init, ...segments].map((p) => fileSize(`${root}/${p}`)));
  return { stats, bytes: sizes.reduce((a, b) => a + b, 0) };
}

/** Sums video packet payloads into segment windows [i·d, (i+1)·d). */
function payloadPerSegment(stats: StreamStats, segmentCount: number): number[] {
  const sums = new Array<number>(segmentCount).fill(0);
  for (const p of stats.packets) {
    const i = Math.min(segmentCount - 1, Math.max(0, Math.floor(p.pts / SEGMENT_DURATION_S + 1e-6)));
    sums[i] = (sums[i] ?? 0) + p.size;
  }
  return sums;
}

/** A ground-truth record plus probe details that only validation needs. */
export interface Measured<T extends RenditionTruth> {
  truth: T;
  /** Codec name ffprobe reported (the record's `codec` is what we asked for). */
  probedCodec: string;
  keyframeTimesS: number[];
}

export interface MeasuredLadder extends Measured<LadderTruth> {
  dashVideoBytes: number;
  /** Video payload read back through the HLS variant: same stream copy, so it must equal DASH. */
  hlsVideoBytes: number;
  /** Whether the HLS video variant carries audio (it must not: audio is a separate group). */
  hlsHasAudio: boolean;
}

/** Relative to the first packet: WebM shifts everything by the Opus pre-skip (~7 ms). */
function keyframeTimes(stats: StreamStats): number[] {
  const start = Math.min(...stats.packets.map((p) => p.pts));
  return stats.packets
    .filter((p) => p.key)
    .map((p) => round(p.pts - start, 6))
    .sort((a, b) => a - b);
}

export async function measureLadderRendition(
  root: string,
  step: LadderStep,
  mpd: string,
  audio: DashAudioTruth,
): Promise<MeasuredLadder> {
  const initPath = dashInitPath(step.id);
  const segmentPaths = await dashSegmentPaths(root, step.id);
  const video = requireStream(
    (await probe(concatUrl(root, [initPath, ...segmentPaths]))).video,
    `video in DASH ${step.id}`,
  );
  const initBytes = await fileSize(`${root}/${initPath}`);
  const segmentBytes = await Promise.all(segmentPaths.map((p) => fileSize(`${root}/${p}`)));
  const hls = await readHlsPlaylist(root, hlsVariantPlaylistPath(step.id));
  const hlsProbe = await probe(concatUrl(root, [hls.initPath, ...hls.segments.map((s) => s.path)]));
  const totalBytes = initBytes + segmentBytes.reduce((a, b) => a + b, 0) + audio.bytes;
  const truth: LadderTruth = {
    id: step.id,
    kind: 'ladder',
    width: video.width,
    height: video.height,
    fps: video.fps,
    codec: 'h264',
    codecString: await avcCodecString(`${root}/${initPath}`),
    audioCodec: 'aac',
    audioCodecString: 'mp4a.40.2',
    mimeType: 'video/mp4',
    nominalKbps: step.videoKbps,
    measuredVideoKbps: kbps(video.bytes, video.durationS),
    measuredAudioKbps: kbps(audio.stats.bytes, audio.stats.durationS),
    measuredTotalKbps: kbps(totalBytes, video.durationS),
    durationS: round(video.durationS, 3),
    keyframeIntervalS: keyframeIntervalS(video),
    segmentDurationS: SEGMENT_DURATION_S,
    segmentBytes,
    segmentPayloadBytes: payloadPerSegment(video, segmentPaths.length),
    dash: {
      representationId: step.id,
      bandwidth: dashRepresentationAttributes(mpd, step.id).bandwidth,
      initPath,
      initBytes,
      segmentPaths,
    },
    hls: {
      playlist: hls.path,
      initPath: hls.initPath,
      initBytes: hls.initBytes,
      segmentPaths: hls.segments.map((s) => s.path),
      segmentBytes: hls.segments.map((s) => s.bytes),
      segmentDurationsS: hls.segments.map((s) => s.durationS),
    },
  };
  return {
    truth,
    probedCodec: video.codec,
    keyframeTimesS: keyframeTimes(video),
    dashVideoBytes: video.bytes,
    hlsVideoBytes: hlsProbe.video?.bytes ?? 0,
    hlsHasAudio: hlsProbe.audio !== null,
  };
}

export async function measureProgressive(
  root: string,
  spec: ProgressiveSpec,
): Promise<Measured<ProgressiveTruth>> {
  const file = `${root}/${spec.path}`;
  const result = await probe(file);
  const video = requireStream(result.video, `video in ${spec.path}`);
  const audio = requireStream(result.audio, `audio in ${spec.path}`);
  const fileBytes = await fileSize(file);
  const isWebm = spec.id === 'webm';
  const truth: ProgressiveTruth = {
    id: spec.id,
    kind: 'progressive',
    path: spec.path,
    fileBytes,
    width: video.width,
    height: video.height,
    fps: video.fps,
    codec: isWebm ? 'vp9' : 'h264',
    codecString: isWebm ? 'vp9' : await avcCodecString(file),
    audioCodec: isWebm ? 'opus' : 'aac',
    audioCodecString: isWebm ? 'opus' : 'mp4a.40.2',
    mimeType: isWebm ? 'video/webm' : 'video/mp4',
    nominalKbps: spec.videoKbps,
    measuredVideoKbps: kbps(video.bytes, video.durationS),
    measuredAudioKbps: kbps(audio.bytes, audio.durationS),
    measuredTotalKbps: kbps(fileBytes, result.formatDurationS),
    durationS: round(video.durationS, 3),
    keyframeIntervalS: keyframeIntervalS(video),
    segmentDurationS: null,
  };
  return { truth, probedCodec: video.codec, keyframeTimesS: keyframeTimes(video) };
}

// ---------------------------------------------------------------------------------------------
// Validation: fail loudly rather than hand tests media that silently violates the layout.
// ---------------------------------------------------------------------------------------------

/** Every keyframe must sit on the segment grid, otherwise segments are not aligned across renditions. */
function offGridKeyframes(keyframeTimesS: readonly number[]): number[] {
  return keyframeTimesS.filter((t) => {
    const slot = Math.round(t / SEGMENT_DURATION_S) * SEGMENT_DURATION_S;
    return Math.abs(t - slot) > 0.001;
  });
}

export function validateLadder(measured: readonly MeasuredLadder[]): string[] {
  const problems: string[] = [];
  const expectedSegments = Math.ceil(SOURCE_DURATION_S / SEGMENT_DURATION_S);
  const truths = measured.map((m) => m.truth);
  measured.forEach((m, i) => {
    const { truth: t, probedCodec } = m;
    const step = LADDER[i];
    if (!step || step.id !== t.id) problems.push(`ladder order mismatch at ${i}`);
    if (step && t.height !== step.height) problems.push(`${t.id}: height ${t.height}`);
    if (probedCodec !== t.codec) problems.push(`${t.id}: codec ${probedCodec}`);
    if (t.fps !== FPS) problems.push(`${t.id}: fps ${t.fps}`);
    if (Math.abs(t.segmentBytes.length - expectedSegments) > 1)
      problems.push(`${t.id}: ${t.segmentBytes.length} DASH segments, expected ≈${expectedSegments}`);
    if (t.hls.segmentBytes.length !== t.segmentBytes.length)
      problems.push(`${t.id}: ${t.hls.segmentBytes.length} HLS vs ${t.segmentBytes.length} DASH segments`);
    const offGrid = offGridKeyframes(m.keyframeTimesS);
    if (offGrid.length > 0)
      problems.push(`${t.id}: keyframes off the segment grid at ${offGrid.join(', ')} s`);
    if (m.keyframeTimesS.length !== t.segmentBytes.length)
      problems.push(`${t.id}: ${m.keyframeTimesS.length} keyframes for ${t.segmentBytes.length} segments`);
    if (m.hlsHasAudio) problems.push(`${t.id}: HLS video variant carries audio`);
    if (m.hlsVideoBytes !== m.dashVideoBytes)
      problems.push(
        `${t.id}: HLS video payload ${m.hlsVideoBytes} B differs from DASH ${m.dashVideoBytes} B`,
      );
    if (Math.abs(t.durationS - SOURCE_DURATION_S) > 0.1) problems.push(`${t.id}: duration ${t.durationS} s`);
    const deviation = Math.abs(t.measuredVideoKbps / t.nominalKbps - 1);
    if (deviation > 0.25) problems.push(`${t.id}: ${t.measuredVideoKbps} kbps is >25% off ${t.nominalKbps}`);
    const previous = truths[i - 1];
    // Tests tell renditions apart by bitrate, so neighbours must be clearly separated.
    if (previous && t.measuredVideoKbps < previous.measuredVideoKbps * 1.5)
      problems.push(`${t.id}: ${t.measuredVideoKbps} kbps not clearly above ${previous.id}`);
  });
  return problems;
}

export function validateProgressive(measured: readonly Measured<ProgressiveTruth>[]): string[] {
  const problems: string[] = [];
  for (const { truth: t, probedCodec, keyframeTimesS } of measured) {
    const spec = PROGRESSIVE[t.id];
    const offGrid = offGridKeyframes(keyframeTimesS);
    if (offGrid.length > 0) problems.push(`${t.id}: keyframes off the 2 s grid at ${offGrid.join(', ')} s`);
    if (t.height !== spec.height) problems.push(`${t.id}: height ${t.height}`);
    if (probedCodec !== t.codec) problems.push(`${t.id}: codec ${probedCodec}`);
    if (Math.abs(t.durationS - spec.durationS) > 0.1) problems.push(`${t.id}: duration ${t.durationS} s`);
    if (t.measuredAudioKbps <= 0) problems.push(`${t.id}: no audio`);
    if (Math.abs(t.measuredVideoKbps / t.nominalKbps - 1) > 0.3)
      problems.push(`${t.id}: ${t.measuredVideoKbps} kbps is >30% off ${t.nominalKbps}`);
  }
  return problems;
}
