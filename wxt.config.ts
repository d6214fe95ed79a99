import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { defaultMatchPatterns } from './utils/sites';
import { ANY_SITE } from './utils/sites/watch';

// A test build (SW_TEST_BUILD=1) may add only the local test origins; the shipped manifest never does.
const testBuild = process.env.SW_TEST_BUILD === '1';
const TEST_ORIGINS = ['http://127.0.0.1/*', 'http://localhost/*'];

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  outDir: testBuild ? '.output-test' : '.output',
  vite: () => ({ plugins: [preact()] }),
  hooks: {
    'build:manifestGenerated': (_wxt, manifest) => {
      if (!testBuild) return;
      for (const cs of manifest.content_scripts ?? []) cs.matches = [...(cs.matches ?? []), ...TEST_ORIGINS];
    },
  },
  manifest: ({ browser }) => ({
    name: 'StreamWitness',
    description: 'A private, local record of the video quality you actually get — evidence you can check.',
    // activeTab: the popup may read the address of the tab it was opened on, to offer "Watch this site".
    permissions: ['storage', 'scripting', 'activeTab'],
    host_permissions: [...defaultMatchPatterns(), ...(testBuild ? TEST_ORIGINS : [])],
    // Any other site, one host at a time, only when the user turns it on (entrypoints/background/watch.ts).
    optional_host_permissions: [ANY_SITE],
    web_accessible_resources: [{ resources: ['page-probe.js'], matches: ['<all_urls>'] }],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'streamwitness@streamwitness.org',
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : { minimum_chrome_version: '116' }),
  }),
});
