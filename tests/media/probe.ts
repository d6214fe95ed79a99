// ffprobe wrappers: packet-level statistics are the ground truth, never the encoder targets.
import { open } from 'node:fs/promises';
import { z } from 'zod';
import { execFileAsync, median, round } from './util';

const probeSchema = z.object({
  packets: z
    .array(
      z.object({
        stream_index: z.number(),
        pts_time: z.coerce.number(),
        size: z.coerce.number(),
        flags: z.string(),
      }),
    )
    .default([]),
  streams: z.array(
    z.object({
      index: z.number(),
      codec_type: z.string(),
      codec_name: z.string(),
      width: z.number().optional(),
      height: z.number().optional(),
      avg_frame_rate: z.string().optional(),
    }),
  ),
  format: z.object({ duration: z.coerce.number(), size: z.coerce.number() }),
});

export interface StreamStats {
  codec: string;
  width: number;
  height: number;
  fps: number;
  packets: { pts: number; size: number; key: boolean }[];
  bytes: number;
  durationS: number;
}

export interface ProbeResult {
  video: StreamStats | null;
  audio: StreamStats | null;
  formatDurationS: number;
}

/** `input` may be a plain path or a `concat:` URL (fMP4 init + segments concatenate into a valid file). */
export async function probe(input: string): Promise<ProbeResult> {
  const { stdout } = await execFileAsync(
    'ffprobe',
    [
      '-v',
      'error',
      '-show_entries',
      'packet=stream_index,pts_time,size,flags:stream=index,codec_type,codec_name,width,height,avg_frame_rate:format=duration,size',
      '-of',
      'json',
      input,
    ],
    { maxBuffer: 256 * 1024 * 1024 },
  );
  const parsed = probeSchema.parse(JSON.parse(stdout));
  const statsFor = (type: 'video' | 'audio'): StreamStats | null => {
    const stream = parsed.streams.find((s) => s.codec_type === type);
    if (!stream) return null;
    const packets = parsed.packets
      .filter((p) => p.stream_index === stream.index)
      .map((p) => ({ pts: p.pts_time, size: p.size, key: p.flags.startsWith('K') }));
    return {
      codec: stream.codec_name,
      width: stream.width ?? 0,
      height: stream.height ?? 0,
      fps: parseRate(stream.avg_frame_rate),
      packets,
      bytes: packets.reduce((sum, p) => sum + p.size, 0),
      durationS: packetSpanS(packets.map((p) => p.pts)),
    };
  };
  return { video: statsFor('video'), audio: statsFor('audio'), formatDurationS: parsed.format.duration };
}

function parseRate(rate: string | undefined): number {
  const [num, den] = (rate ?? '0/1').split('/').map(Number);
  return num && den ? round(num / den, 3) : 0;
}

/** First to last presentation time plus one typical packet gap (WebM packets lack reliable durations). */
function packetSpanS(pts: readonly number[]): number {
  if (pts.length < 2) return 0;
  const sorted = [...pts].sort((a, b) => a - b);
  const deltas = sorted.slice(1).map((t, i) => t - (sorted[i] as number));
  return (sorted[sorted.length - 1] as number) - (sorted[0] as number) + median(deltas);
}

export function kbps(bytes: number, durationS: number): number {
  return durationS > 0 ? round((bytes * 8) / durationS / 1000, 1) : 0;
}

export function keyframeIntervalS(stats: StreamStats): number {
  const keys = stats.packets
    .filter((p) => p.key)
    .map((p) => p.pts)
    .sort((a, b) => a - b);
  return round(median(keys.slice(1).map((t, i) => t - (keys[i] as number))), 3);
}

/** RFC 6381 avc1 string from the first avcC box: profile, constraint flags and level bytes. */
export async function avcCodecString(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(4 * 1024 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const at = buffer.subarray(0, bytesRead).indexOf('avcC');
    if (at < 0) throw new Error(`no avcC box in the first 4 MiB of ${path}`);
    const hex = (offset: number): string => (buffer[at + offset] ?? 0).toString(16).padStart(2, '0');
    // avcC payload: configurationVersion, AVCProfileIndication, profile_compatibility, AVCLevelIndication.
    return `avc1.${hex(5)}${hex(6)}${hex(7)}`;
  } finally {
    await handle.close();
  }
}

export function requireStream(stats: StreamStats | null, what: string): StreamStats {
  if (!stats) throw new Error(`ffprobe found no ${what}`);
  return stats;
}
