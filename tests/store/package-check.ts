/**
 * `npm run check:store`: runs `npm run zip`, then checks what would be uploaded.
 * - the Firefox zip passes `web-ext lint` (the linter AMO runs) with 0 errors and no eval;
 * - the shipped JS of both zips names no network API outside the known library code (network-code.ts);
 * - the sources zip holds what a reviewer needs to rebuild, and nothing generated or heavy.
 * `--rebuild` also unpacks the sources zip into a temp folder, runs `npm ci` and the Firefox build there,
 * and compares the result file by file with the Firefox zip (the AMO reviewer's path; needs the npm
 * registry or a warm npm cache, ~1 min).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../e2e/chromium';
import { lintFirefox } from '../firefox/lint';
import { scanCode } from './network-code';
import { extractZip, readZip } from './zip-read';

const failures: string[] = [];
const fail = (msg: string) => {
  failures.push(msg);
  console.log(`FAIL: ${msg}`);
};

function run(cmd: string, args: string[], cwd = ROOT): void {
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}) in ${cwd}`);
}

const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
};
const zipPath = (kind: string) => path.join(ROOT, '.output', `streamwitness-${version}-${kind}.zip`);

if (!process.argv.includes('--no-zip')) run('npm', ['run', 'zip', '--silent']);
const zips = { chrome: zipPath('chrome'), firefox: zipPath('firefox'), sources: zipPath('sources') };
for (const [kind, file] of Object.entries(zips)) {
  if (!fs.existsSync(file)) fail(`no ${kind} zip at ${path.relative(ROOT, file)}`);
  else
    console.log(`${kind}: ${path.relative(ROOT, file)} (${(fs.statSync(file).size / 1024).toFixed(0)} KiB)`);
}
if (failures.length) process.exit(1);

// 1. web-ext lint on the Firefox zip itself (addons-linter reads the zip as AMO does).
const lint = lintFirefox(zips.firefox);
console.log(`web-ext lint (Firefox zip): ${lint.summary.errors} errors, ${lint.summary.warnings} warnings`);
for (const m of [...lint.errors, ...lint.warnings]) console.log(`  ${m.code}: ${m.message} ${m.file ?? ''}`);
if (lint.summary.errors > 0) fail('web-ext lint reports errors');
for (const m of lint.warnings.filter((w) => w.code === 'DANGEROUS_EVAL' || w.code === 'NO_IMPLIED_EVAL'))
  fail(`eval in the build: ${m.file ?? ''}`);

// 2. Network APIs in what ships.
for (const kind of ['chrome', 'firefox'] as const) {
  const entries = readZip(zips[kind]);
  if (!entries.some((e) => e.name === 'manifest.json')) fail(`${kind} zip has no manifest.json at its root`);
  for (const e of entries.filter((x) => /\.(js|html)$/.test(x.name))) {
    const text = e.read().toString('utf8');
    if (/<script[^>]+src=["']?(https?:)?\/\//i.test(text)) fail(`${kind} ${e.name}: remote <script src>`);
    for (const f of scanCode(e.name, text)) {
      if (f.known) console.log(`${kind} ${e.name}: ${f.api} in ${f.known.name} — ${f.known.why}`);
      else fail(`${kind} ${e.name}: ${f.api} in unrecognised code: …${f.context.slice(-300)}…`);
    }
  }
}

// 3. The sources zip: what a rebuild needs, nothing generated.
const names = readZip(zips.sources).map((e) => e.name);
const needed = [
  'package.json',
  'package-lock.json',
  'wxt.config.ts',
  'tsconfig.json',
  'README.md',
  'entrypoints/background/index.ts',
  'entrypoints/video.content/index.ts',
  'public/icon/128.png',
];
for (const n of needed) if (!names.includes(n)) fail(`sources zip lacks ${n}`);
const banned =
  /^(node_modules|\.output|\.wxt|tests|test-results|playwright-report|docs\/store\/screenshots)\/|\.zip$|^bench-results\.json$/;
for (const n of names.filter((x) => banned.test(x) || x.split('/').some((p) => p.startsWith('.'))))
  fail(`sources zip holds ${n}`);
const sourcesKiB = fs.statSync(zips.sources).size / 1024;
if (sourcesKiB > 2048) fail(`sources zip is ${sourcesKiB.toFixed(0)} KiB: something heavy got in`);
console.log(`sources zip: ${names.length} files`);

// 4. Optional: rebuild from the sources zip, as the reviewer would, and compare.
if (process.argv.includes('--rebuild')) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-sources-'));
  try {
    extractZip(zips.sources, dir);
    run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], dir);
    run('npx', ['wxt', 'build', '-b', 'firefox', '--mv3'], dir);
    const built = path.join(dir, '.output/firefox-mv3');
    const rebuilt = fs
      .readdirSync(built, { recursive: true, encoding: 'utf8' })
      .filter((f) => fs.statSync(path.join(built, f)).isFile())
      .sort();
    const shipped = readZip(zips.firefox).filter((e) => !e.name.endsWith('/'));
    const shippedNames = shipped.map((e) => e.name).sort();
    if (JSON.stringify(rebuilt) !== JSON.stringify(shippedNames))
      fail(
        `rebuilt file list differs: ${rebuilt.filter((f) => !shippedNames.includes(f)).join(', ')} / ${shippedNames.filter((f) => !rebuilt.includes(f)).join(', ')}`,
      );
    for (const e of shipped)
      if (rebuilt.includes(e.name) && !fs.readFileSync(path.join(built, e.name)).equals(e.read()))
        fail(`rebuilt ${e.name} differs from the Firefox zip`);
    console.log(`rebuild from sources: ${rebuilt.length} files compared with the Firefox zip`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

console.log(failures.length ? `store packages: ${failures.length} problem(s)` : 'store packages: ok');
process.exit(failures.length ? 1 : 0);
