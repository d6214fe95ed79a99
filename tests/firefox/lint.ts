/**
 * `web-ext lint` on the shipped Firefox build, the linter AMO reviewers run. Fails on any error and on
 * any eval / Function constructor in the build (bundled code included); other warnings are reported.
 * `npx tsx tests/firefox/lint.ts [dir-or-zip]`: a build folder (default .output/firefox-mv3) or the zip
 * `npm run zip` makes (addons-linter reads the zip as AMO does; tests/store/package-check.ts does that).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../e2e/chromium';

export interface LintMessage {
  code: string;
  message: string;
  file?: string;
}
export interface LintReport {
  count: number;
  summary: { errors: number; notices: number; warnings: number };
  errors: LintMessage[];
  warnings: LintMessage[];
}

export function lintFirefox(dirOrZip = path.join(ROOT, '.output/firefox-mv3')): LintReport {
  const r = spawnSync(
    'npx',
    ['web-ext', 'lint', '--source-dir', dirOrZip, '--output', 'json', '--no-config-discovery'],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  const start = r.stdout.indexOf('{');
  if (start < 0) throw new Error(`web-ext lint printed no report: ${r.stderr}`);
  return JSON.parse(r.stdout.slice(start)) as LintReport;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const report = lintFirefox(process.argv[2] ? path.resolve(process.argv[2]) : undefined);
  for (const m of [...report.errors, ...report.warnings])
    console.log(`${m.code}: ${m.message} ${m.file ?? ''}`);
  console.log(`web-ext lint: ${report.summary.errors} errors, ${report.summary.warnings} warnings`);
  // Store review: no eval or Function constructor anywhere in what ships, bundled code included.
  const evals = report.warnings.filter((m) => m.code === 'DANGEROUS_EVAL' || m.code === 'NO_IMPLIED_EVAL');
  for (const m of evals) console.log(`FAIL: eval in the build: ${m.file ?? ''}`);
  process.exit(report.summary.errors > 0 || evals.length > 0 ? 1 : 0);
}
