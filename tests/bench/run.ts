/**
 * `npm run bench`: builds, then measures what the issues name numbers for, prints a table and
 * writes bench-results.json. Figures and how to reproduce them: docs/benchmarks.md.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM_PATH, ROOT } from '../e2e/chromium';
import { runAccuracyBench } from './accuracy-bench';
import { runLatencyBench } from './latency-bench';
import { runOverheadBench } from './overhead-bench';
import { runPopupBench } from './popup-bench';
import { pageJs } from './sizes';
import { runStoreBench } from './store-bench';

function bundleSizes(dir: string): {
  contentScript: number;
  tracker: number;
  pageProbe: number;
  worker: number;
  popupJs: number;
} {
  const size = (rel: string) => fs.statSync(path.join(dir, rel)).size;
  return {
    contentScript: size('content-scripts/video.js'),
    tracker: size('video-tracker.js'),
    pageProbe: size('content-scripts/probe.js'),
    worker: size('background.js'),
    popupJs: pageJs(dir, 'popup.html').bytes,
  };
}

function chromiumVersion(): string {
  const r = spawnSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8' });
  return (r.stdout || '').trim();
}

const build = (script: string) => {
  const r = spawnSync('npm', ['run', script, '--silent'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`npm run ${script} failed`);
};

build('build');
build('build:test');
const sizes = bundleSizes(path.join(ROOT, '.output/chrome-mv3'));
console.log('\nbundle sizes (minified bytes):', sizes);
const started = Date.now();
const log = (s: string) => console.log(s);
const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
  const t = Date.now();
  console.log(`\n${name} …`);
  const r = await fn();
  console.log(`${name}: ${((Date.now() - t) / 1000).toFixed(0)} s`);
  return r;
};
const store = await step('store', () => runStoreBench());
const overhead = await step('overhead', () => runOverheadBench());
const latency = await step('latency', () => runLatencyBench({ log }));
const popup = await step('popup', () => runPopupBench({ log }));
const accuracy = await step('accuracy', () => runAccuracyBench({ log }));

const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
const ms = (x: number) => (Number.isFinite(x) ? `${Math.round(x)} ms` : 'n/a');
const rows: Array<[string, string, string]> = [
  ['content script, in every frame of a watched page (minified)', kb(sizes.contentScript), 'goal ≤ 25 KB'],
  ['tracker, injected into frames where a video appears (minified)', kb(sizes.tracker), ''],
  ['MAIN-world probe (minified)', kb(sizes.pageProbe), ''],
  ['worker (minified)', kb(sizes.worker), ''],
  ['popup JS, everything popup.html can load (minified)', kb(sizes.popupJs), 'goal ≤ 100 KB'],
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
  [
    `waiting → badge WAIT, median / p95 (${latency.stalls.length} stalls)`,
    `${ms(latency.badge.median)} / ${ms(latency.badge.p95)}`,
    latency.badge.missed ? `${latency.badge.missed} missed` : '',
  ],
  [
    'waiting → live snapshot "stalled", median / p95',
    `${ms(latency.live.median)} / ${ms(latency.live.p95)}`,
    latency.live.missed ? `${latency.live.missed} missed` : '',
  ],
  [
    'stall end → stall in IndexedDB, median / p95',
    `${ms(latency.stored.median)} / ${ms(latency.stored.p95)}`,
    latency.stored.missed ? `${latency.stored.missed} missed` : 'flushed every 3 s',
  ],
  [
    `popup history, first rows painted (${popup.sessions.toLocaleString('en')} sessions)`,
    `${ms(popup.median.firstRowsMs)}`,
    `goal ≤ ${popup.goalMs} ms; cold ${ms(popup.cold.firstRowsMs)}${popup.allFilled ? '' : '; NOT a full window of rows'}`,
  ],
  ['  same, worker stopped first (median of 3)', `${ms(popup.workerStopped.median.firstRowsMs)}`, ''],
];
const w = Math.max(...rows.map(([k]) => k.length));
console.log('\nStreamWitness bench');
for (const [k, v, g] of rows) console.log(`${k.padEnd(w)}  ${v.padStart(14)}  ${g}`);

const accRows = [
  [
    'player',
    'stalls ext / player (matched)',
    'stall error mean / max',
    'startup error',
    'bitrate error median / max',
  ],
  ...accuracy.rows.map((r) => [
    r.player,
    `${r.stallsExtension} / ${r.stallsPlayer} (${r.stallsMatched})`,
    `${ms(r.stallErrorMs.mean)} / ${ms(r.stallErrorMs.max)}`,
    r.startupErrorMs === null ? 'n/a' : `${r.startupErrorMs > 0 ? '+' : ''}${r.startupErrorMs} ms`,
    r.bitrateErrorPct.samples
      ? `${r.bitrateErrorPct.median.toFixed(1)} % / ${r.bitrateErrorPct.max.toFixed(1)} % (n=${r.bitrateErrorPct.samples})`
      : `no estimate (${r.playingSamplesWithBitrate} of ${r.playingSamples} playing samples had one)`,
  ]),
];
const cw = accRows[0]?.map((_, i) => Math.max(...accRows.map((r) => (r[i] ?? '').length))) ?? [];
console.log('\naccuracy against ground truth');
for (const r of accRows) console.log(r.map((c, i) => c.padEnd(cw[i] ?? 0)).join('  '));
const result = {
  at: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model,
    memGiB: Math.round(os.totalmem() / 2 ** 30),
  },
  chromium: chromiumVersion(),
  node: process.version,
  totalSeconds: Math.round((Date.now() - started) / 1000),
  sizes,
  store,
  overhead,
  latency,
  popup,
  accuracy,
};
fs.writeFileSync(path.join(ROOT, 'bench-results.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(`\nwrote bench-results.json (${result.totalSeconds} s)`);
