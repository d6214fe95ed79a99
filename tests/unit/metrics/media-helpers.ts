/**
 * Real fragmented MP4 for the metrics tests: the DASH cache another suite generates when it is there,
 * else media made here with ffmpeg. ffprobe is the independent oracle for sizes and durations.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const DASH_DIR = join(process.cwd(), 'tests/.cache/media/dash');

export const cat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
};

/** Top-level boxes of a file, as [type, bytes]. */
export function topBoxes(file: Uint8Array): [string, Uint8Array][] {
  const v = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const out: [string, Uint8Array][] = [];
  for (let off = 0; off + 8 <= file.length; ) {
    const size = v.getUint32(off);
    if (size < 8) break;
    out.push([String.fromCharCode(...file.subarray(off + 4, off + 8)), file.subarray(off, off + size)]);
    off += size;
  }
  return out;
}

/** Encodes testsrc2 with ffmpeg into fragmented MP4 and splits it into init + one fragment per GOP. */
export function encodeFragmented(
  dir: string,
  name: string,
  args: string[],
): { init: Uint8Array; fragments: Uint8Array[] } {
  const out = join(dir, `${name}.mp4`);
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=320x240:rate=30',
    ...args,
    '-c:v',
    'libx264',
    '-sc_threshold',
    '0',
    '-f',
    'mp4',
    '-movflags',
    'frag_keyframe+empty_moov+default_base_moof',
    out,
  ]);
  const boxes = topBoxes(new Uint8Array(readFileSync(out)));
  const init = cat(...boxes.filter(([t]) => t === 'ftyp' || t === 'moov').map(([, b]) => b));
  const fragments: Uint8Array[] = [];
  boxes.forEach(([type, bytes], i) => {
    const next = boxes[i + 1];
    if (type === 'moof' && next?.[0] === 'mdat') fragments.push(cat(bytes, next[1]));
  });
  return { init, fragments };
}

/** Video packets of init + segment according to ffprobe: total bytes and seconds. */
export function ffprobeVideo(
  dir: string,
  init: Uint8Array,
  segment: Uint8Array,
): { bytes: number; seconds: number } {
  const path = join(dir, 'probe.mp4');
  writeFileSync(path, cat(init, segment));
  const json = execFileSync('ffprobe', [
    '-v',
    'error',
    '-select_streams',
    'v:0',
    '-show_entries',
    'packet=size,duration_time',
    '-of',
    'json',
    path,
  ]);
  const packets = (JSON.parse(json.toString()) as { packets: { size: string; duration_time: string }[] })
    .packets;
  return {
    bytes: packets.reduce((n, p) => n + Number(p.size), 0),
    seconds: packets.reduce((n, p) => n + Number(p.duration_time), 0),
  };
}

/** init + numbered segments of one DASH representation in the cache, or null when absent. */
export function dashRepresentation(
  rep: string,
  count: number,
): { init: Uint8Array; segments: Uint8Array[] } | null {
  const initPath = join(DASH_DIR, `init-${rep}.m4s`);
  const paths = Array.from({ length: count }, (_, i) =>
    join(DASH_DIR, `seg-${rep}-${String(i + 1).padStart(5, '0')}.m4s`),
  );
  if (!existsSync(initPath) || !paths.every(existsSync)) return null;
  return {
    init: new Uint8Array(readFileSync(initPath)),
    segments: paths.map((p) => new Uint8Array(readFileSync(p))),
  };
}
