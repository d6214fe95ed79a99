import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(here, '../..');
export const DEFAULT_MEDIA_DIR = join(REPO_ROOT, 'tests/.cache/media');

/** Static HTML/JS roots, by URL prefix. /media/ is added per server since its directory is configurable. */
export const STATIC_ROOTS: ReadonlyMap<string, string> = new Map([
  ['players', join(here, 'pages/players')],
  ['pages', join(here, 'pages/pages')],
  ['demo', join(REPO_ROOT, 'tests/demo/pages')],
]);

/** Player libraries straight from node_modules: the UMD builds, which define window.dashjs / Hls / shaka. */
export const LIB_FILES: ReadonlyMap<string, string> = new Map([
  ['dash.all.min.js', join(REPO_ROOT, 'node_modules/dashjs/dist/modern/umd/dash.all.min.js')],
  ['hls.min.js', join(REPO_ROOT, 'node_modules/hls.js/dist/hls.min.js')],
  ['shaka-player.compiled.js', join(REPO_ROOT, 'node_modules/shaka-player/dist/shaka-player.compiled.js')],
]);

const MIME: ReadonlyMap<string, string> = new Map(
  Object.entries({
    '.mpd': 'application/dash+xml',
    '.m3u8': 'application/vnd.apple.mpegurl',
    '.m4s': 'video/iso.segment',
    '.mp4': 'video/mp4',
    '.m4v': 'video/mp4',
    '.m4a': 'audio/mp4',
    '.webm': 'video/webm',
    '.ts': 'video/mp2t',
    '.aac': 'audio/aac',
    '.mp3': 'audio/mpeg',
    '.vtt': 'text/vtt; charset=utf-8',
    '.json': 'application/json; charset=utf-8',
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.mjs': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.jpg': 'image/jpeg',
    '.ico': 'image/x-icon',
    '.txt': 'text/plain; charset=utf-8',
  }),
);

export function mimeType(path: string): string {
  return MIME.get(extname(path).toLowerCase()) ?? 'application/octet-stream';
}

/**
 * Maps a URL-path remainder onto a file under root; null if it would escape root (../, encoded slashes)
 * or is not decodable. A trailing slash means the directory's index.html.
 */
export function resolveUnder(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const withIndex = decoded === '' || decoded.endsWith('/') ? `${decoded}index.html` : decoded;
  const full = resolve(root, `.${sep}${withIndex}`);
  const rel = relative(root, full);
  if (rel.startsWith('..') || resolve(root, rel) !== full) return null;
  return full;
}
