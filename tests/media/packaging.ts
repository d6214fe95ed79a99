// Post-processing of ffmpeg's DASH and HLS output: stable DASH representation ids and an HLS
// master playlist with the attributes ffmpeg 5 does not write (CODECS, AVERAGE-BANDWIDTH, FRAME-RATE).
import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { posix } from 'node:path';
import {
  DASH_AUDIO_REPRESENTATION_ID,
  DASH_MPD,
  FPS,
  HLS_AUDIO_GROUP_ID,
  HLS_AUDIO_PLAYLIST,
  HLS_MASTER,
  type HlsVariantRef,
  LADDER,
  type RenditionId,
} from './layout';
import { fileSize, isErrno } from './util';

function dashRepresentationIds(): string[] {
  return [...LADDER.map((s) => s.id), DASH_AUDIO_REPRESENTATION_ID];
}

export function dashInitPath(repId: string): string {
  return posix.join(posix.dirname(DASH_MPD), `init-${repId}.m4s`);
}

function dashSegmentPath(repId: string, number: number): string {
  return posix.join(posix.dirname(DASH_MPD), `seg-${repId}-${String(number).padStart(5, '0')}.m4s`);
}

export async function dashSegmentPaths(root: string, repId: string): Promise<string[]> {
  const paths: string[] = [];
  for (let n = 1; ; n++) {
    const path = dashSegmentPath(repId, n);
    try {
      await stat(`${root}/${path}`);
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return paths;
      throw error;
    }
    paths.push(path);
  }
}

/**
 * ffmpeg's dash muxer can only name representations by stream index. Rename ids and files so the
 * MPD says id="240p" etc.; the SegmentTemplate keeps $RepresentationID$, so URLs follow the ids.
 */
export async function renameDashRepresentations(root: string): Promise<void> {
  const mpdPath = `${root}/${DASH_MPD}`;
  let mpd = await readFile(mpdPath, 'utf8');
  const ids = dashRepresentationIds();
  for (const [index, id] of ids.entries()) {
    const from = `<Representation id="${index}"`;
    if (mpd.split(from).length !== 2) throw new Error(`expected exactly one ${from} in ${DASH_MPD}`);
    mpd = mpd.replace(from, `<Representation id="${id}"`);
    await rename(`${root}/${dashInitPath(String(index))}`, `${root}/${dashInitPath(id)}`);
    for (const path of await dashSegmentPaths(root, String(index))) {
      const number = Number(path.slice(-9, -4));
      await rename(`${root}/${path}`, `${root}/${dashSegmentPath(id, number)}`);
    }
  }
  await writeFile(mpdPath, mpd);
}

export function dashRepresentationAttributes(
  mpd: string,
  repId: string,
): { bandwidth: number; codecs: string } {
  const tag = mpd.match(new RegExp(`<Representation id="${repId}"[^>]*>`))?.[0];
  const bandwidth = Number(tag?.match(/bandwidth="(\d+)"/)?.[1]);
  const codecs = tag?.match(/codecs="([^"]+)"/)?.[1];
  if (!tag || !bandwidth || !codecs) throw new Error(`representation ${repId} incomplete in ${DASH_MPD}`);
  return { bandwidth, codecs };
}

// ---------------------------------------------------------------------------------------------
// HLS
// ---------------------------------------------------------------------------------------------

export interface HlsPlaylist {
  path: string;
  initPath: string;
  initBytes: number;
  segments: { path: string; durationS: number; bytes: number }[];
}

export async function readHlsPlaylist(root: string, path: string): Promise<HlsPlaylist> {
  const dir = posix.dirname(path);
  const lines = (await readFile(`${root}/${path}`, 'utf8')).split('\n').map((l) => l.trim());
  const mapUri = lines.map((l) => l.match(/^#EXT-X-MAP:URI="([^"]+)"/)?.[1]).find(Boolean);
  if (!mapUri) throw new Error(`${path} has no EXT-X-MAP (expected fMP4 segments)`);
  const segments: HlsPlaylist['segments'] = [];
  let pendingDuration: number | null = null;
  for (const line of lines) {
    const extinf = line.match(/^#EXTINF:([\d.]+)/);
    if (extinf) pendingDuration = Number(extinf[1]);
    else if (line && !line.startsWith('#') && pendingDuration !== null) {
      const segmentPath = posix.join(dir, line);
      segments.push({
        path: segmentPath,
        durationS: pendingDuration,
        bytes: await fileSize(`${root}/${segmentPath}`),
      });
      pendingDuration = null;
    }
  }
  const initPath = posix.join(dir, mapUri);
  return { path, initPath, initBytes: await fileSize(`${root}/${initPath}`), segments };
}

/** Peak and average segment bitrate in bits/s, as HLS BANDWIDTH / AVERAGE-BANDWIDTH define them. */
function hlsBitrates(playlist: HlsPlaylist): { peak: number; average: number } {
  const peak = Math.max(...playlist.segments.map((s) => (s.bytes * 8) / s.durationS));
  const bytes = playlist.segments.reduce((sum, s) => sum + s.bytes, 0);
  const duration = playlist.segments.reduce((sum, s) => sum + s.durationS, 0);
  return { peak: Math.ceil(peak), average: Math.ceil((bytes * 8) / duration) };
}

export function hlsVariantPlaylistPath(id: RenditionId): string {
  return posix.join(posix.dirname(HLS_MASTER), id, 'playlist.m3u8');
}

export function buildHlsVariants(
  variants: ReadonlyMap<
    RenditionId,
    { playlist: HlsPlaylist; codecs: string; width: number; height: number }
  >,
  audio: HlsPlaylist,
): Record<RenditionId, HlsVariantRef> {
  const audioRates = hlsBitrates(audio);
  const entries = LADDER.map((step): [RenditionId, HlsVariantRef] => {
    const variant = variants.get(step.id);
    if (!variant) throw new Error(`missing HLS variant ${step.id}`);
    const rates = hlsBitrates(variant.playlist);
    return [
      step.id,
      {
        playlist: variant.playlist.path,
        // BANDWIDTH covers everything played together, i.e. the video variant plus its audio group.
        bandwidth: rates.peak + audioRates.peak,
        averageBandwidth: rates.average + audioRates.average,
        codecs: `${variant.codecs},mp4a.40.2`,
        resolution: `${variant.width}x${variant.height}`,
      },
    ];
  });
  return Object.fromEntries(entries) as Record<RenditionId, HlsVariantRef>;
}

export function hlsMasterText(variants: Record<RenditionId, HlsVariantRef>): string {
  const rel = (path: string): string => posix.relative(posix.dirname(HLS_MASTER), path);
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:7',
    '#EXT-X-INDEPENDENT-SEGMENTS',
    `#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="${HLS_AUDIO_GROUP_ID}",NAME="Tone",LANGUAGE="en",DEFAULT=YES,AUTOSELECT=YES,CHANNELS="2",URI="${rel(HLS_AUDIO_PLAYLIST)}"`,
  ];
  for (const step of LADDER) {
    const v = variants[step.id];
    lines.push(
      `#EXT-X-STREAM-INF:BANDWIDTH=${v.bandwidth},AVERAGE-BANDWIDTH=${v.averageBandwidth},CODECS="${v.codecs}",RESOLUTION=${v.resolution},FRAME-RATE=${FPS.toFixed(3)},AUDIO="${HLS_AUDIO_GROUP_ID}"`,
      rel(v.playlist),
    );
  }
  return `${lines.join('\n')}\n`;
}
