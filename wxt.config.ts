import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';
import { defaultMatchPatterns } from './utils/sites';
import { ANY_SITE } from './utils/sites/watch';

/**
 * zod runs jitless here (extension CSP forbids `new Function`), so its code generator is dead code; this
 * takes the `Function` constructor out of the bundle, so the built files hold no eval at all (store
 * review, web-ext lint). Should zod ever reach that path anyway, it gets an EvalError, which zod
 * already handles as "JIT unsupported" and falls back to the interpreter.
 */
function zodWithoutJit(): Plugin {
  const jit = /node_modules\/zod\/v4\/core\/(util|doc|compile)\.js$/;
  const ctor = 'const F = Function;';
  return {
    name: 'streamwitness:zod-without-jit',
    enforce: 'pre',
    transform(code, id) {
      if (!jit.test(id)) return null;
      if (!code.includes(ctor)) throw new Error(`zod changed: no "${ctor}" in ${id}; review zodWithoutJit`);
      return code.replaceAll(
        ctor,
        'const F = function () { throw new EvalError("no eval in StreamWitness"); };',
      );
    },
  };
}

// A test build (SW_TEST_BUILD=1) may add only the local test origins; the shipped manifest never does.
const testBuild = process.env.SW_TEST_BUILD === '1';
const TEST_ORIGINS = ['http://127.0.0.1/*', 'http://localhost/*'];

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  outDir: testBuild ? '.output-test' : '.output',
  vite: () => ({ plugins: [preact(), zodWithoutJit()] }),
  hooks: {
    // Only WXT's own APIs (browser, defineBackground…) are auto-imported; our modules are imported by
    // name. Scanning components/ and utils/ made a local named `tabId` in the worker auto-import
    // components/tabs.tsx, and Preact with it. (wxt 0.20.27 has no `imports.scan` option yet.)
    'config:resolved': (wxt) => {
      if (wxt.config.imports) wxt.config.imports.dirs = [];
    },
    // The content script runs in every frame of every watched page, and the tracker in every frame that
    // plays a video, so neither carries the polyfill: Chrome's MV3 `chrome.*` and Firefox's `browser.*`
    // already return promises. Their bundles get WXT's own `browser` (whichever of the two the browser
    // has) in place of the polyfill the module puts everywhere else;
    // utils/capture/worker-channel.ts keeps to what both do natively.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.every((e) => e.type === 'content-script' || e.name === 'video-tracker')) return;
      const nativeBrowser = { find: /^wxt\/browser$/, replacement: '@wxt-dev/browser' };
      const alias = config.resolve?.alias ?? {};
      config.resolve = {
        ...config.resolve,
        alias: [
          nativeBrowser,
          ...(Array.isArray(alias)
            ? alias
            : Object.entries(alias).map(([find, replacement]) => ({ find, replacement }))),
        ],
      };
    },
    'build:manifestGenerated': (_wxt, manifest) => {
      if (!testBuild) return;
      for (const cs of manifest.content_scripts ?? []) cs.matches = [...(cs.matches ?? []), ...TEST_ORIGINS];
    },
  },
  // `npm run zip`: the store zips plus, for Firefox, the sources zip AMO reviewers rebuild from (README,
  // "Packaging for the stores"). WXT already leaves out node_modules, dot-folders (.output-test,
  // tests/.cache, .wxt) and *.test/*.spec files; the rest below is generated or not needed to build.
  zip: {
    excludeSources: [
      'tests/**',
      'test-results/**',
      'playwright-report/**',
      'bench-results.json',
      'stats.html',
      '**/*.log',
      '**/*.zip',
      'docs/store/screenshots/**',
    ],
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // activeTab: the popup may read the address of the tab it was opened on, to offer "Watch this site".
    permissions: ['storage', 'scripting', 'activeTab', 'webRequest'],
    host_permissions: [...defaultMatchPatterns(), ...(testBuild ? TEST_ORIGINS : [])],
    // Any other site, one host at a time, only when the user turns it on (entrypoints/background/watch.ts).
    optional_host_permissions: [ANY_SITE],
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
