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
    setupFiles: ['tests/unit/setup.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
