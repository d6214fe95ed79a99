import { defineConfig } from '@playwright/test';

// One worker: two cores decode video in software, and a second browser would starve the first.
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  fullyParallel: false,
  timeout: 150_000,
  expect: { timeout: 15_000 },
  // One retry, and every test that needed it is reported as flaky (npm test's summary names them):
  // a real-browser suite on two shared cores sees rare timing misses (see the closing notes of #3).
  retries: 1,
  outputDir: 'test-results/e2e',
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
});
