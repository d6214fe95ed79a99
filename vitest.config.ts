import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    environment: 'happy-dom',
    // One environment per worker instead of per file: 20 s instead of 75 s on two cores. Every test
    // resets what it shares (fakeBrowser, history databases) in its own before/after hooks.
    isolate: false,
    // Unit tests judge results, never speed: a few walk real media or large histories, and the default
    // 5 s is missed when the builds share the two cores (npm test runs them side by side).
    testTimeout: 20_000,
    setupFiles: ['tests/unit/setup.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
