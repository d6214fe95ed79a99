/**
 * `npm run bench`: builds, then measures what the issues name numbers for, prints a table and
 * writes bench-results.json. Figures and how to reproduce them: docs/benchmarks.md.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../e2e/chromium';
import { runOverheadBench } from './overhead-bench';
import { runStoreBench } from './store-bench';

function bundleSizes(dir: string): {
  contentScript: number;
  pageProbe: number;
  worker: number;
  popupEntry: number;
} {
  const size = (rel: string) => fs.statSync(path.join(dir, rel)).size;
  const chunks = fs.readdirSync(path.join(dir, 'chunks'));
  const popupChunk = chunks.find((c) => c.startsWith('popup-'));
  return {
    contentScript: size('content-scripts/video.js'),
    pageProbe: size('page-probe.js'),
    worker: size('background.js'),
    popupEntry: popupChunk ? size(`chunks/${popupChunk}`) : 0,
  };
}

const build = (script: string) => {
  const r = spawnSync('npm', ['run', script, '--silent'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`npm run ${script} failed`);
};

build('build');
build('build:test');
const sizes = bundleSizes(path.join(ROOT, '.output/chrome-mv3'));
console.log('\nbundle sizes (minified bytes):', sizes);
const store = await runStoreBench();
const overhead = await runOverheadBench();

const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
const rows: Array<[string, string, string]> = [
  ['content script (minified)', kb(sizes.contentScript), 'goal ≤ 25 KB'],
  ['MAIN-world probe (minified)', kb(sizes.pageProbe), ''],
  ['worker (minified)', kb(sizes.worker), ''],
  ['popup entry chunk (minified)', kb(sizes.popupEntry), 'goal ≤ 100 KB'],
  ['extra script time per s of playback', `${overhead.extraScriptMsPerS.toFixed(2)} ms/s`, 'goal ≤ 2 ms/s'],
  ['extra task time per s of playback', `${overhead.extraTaskMsPerS.toFixed(2)} ms/s`, ''],
  [
    'long tasks with / without extension',
    `${overhead.median.with.longTasks} / ${overhead.median.without.longTasks}`,
    'goal: none added',
  ],
  ['stored bytes per hour watched', kb(store.perHour.bytes.total), 'goal ≤ 150 KB'],
  ['batched writes (3-s batches)', `${store.write.batchedSamplesPerSec.toFixed(0)} samples/s`, ''],
  ['one transaction per sample', `${store.write.perSampleTxSamplesPerSec.toFixed(0)} samples/s`, ''],
  [
    `newest 50 of ${store.list.sessions} sessions, ${store.list.samplesStored} samples`,
    `${store.list.newest50Ms.toFixed(1)} ms`,
    'goal ≤ 50 ms',
  ],
];
const w = Math.max(...rows.map(([k]) => k.length));
console.log('\nStreamWitness bench');
for (const [k, v, g] of rows) console.log(`${k.padEnd(w)}  ${v.padStart(14)}  ${g}`);
const result = {
  at: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model,
    memGiB: Math.round(os.totalmem() / 2 ** 30),
  },
  sizes,
  store,
  overhead,
};
fs.writeFileSync(path.join(ROOT, 'bench-results.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log('\nwrote bench-results.json');
