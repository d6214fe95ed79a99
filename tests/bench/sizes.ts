import fs from 'node:fs';
import path from 'node:path';

/**
 * Every JS file a page can load: the scripts popup.html names, then what they import, statically or
 * dynamically (`from"./x.js"`, `import("./x.js")`, also with a backtick string), followed transitively.
 * Minified sizes.
 */
export function pageJs(dir: string, html: string): { files: string[]; bytes: number } {
  const text = (rel: string) => fs.readFileSync(path.join(dir, rel), 'utf8');
  const seen = new Set<string>();
  const queue = [...text(html).matchAll(/(?:src|href)="\/([^"]+\.js)"/g)].map((m) => m[1] as string);
  while (queue.length > 0) {
    const rel = queue.shift() as string;
    if (seen.has(rel)) continue;
    seen.add(rel);
    for (const m of text(rel).matchAll(/(?:from\s*|import\s*\(\s*)["'`]\.\/([^"'`]+\.js)["'`]/g))
      queue.push(path.posix.join(path.posix.dirname(rel), m[1] as string));
  }
  const files = [...seen];
  return { files, bytes: files.reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0) };
}
