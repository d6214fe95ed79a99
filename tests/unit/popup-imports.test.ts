/**
 * The popup loads no webextension-polyfill: every module it imports takes `browser` from
 * utils/native-browser.ts, not from WXT's auto-import (which the polyfill module aliases). A static walk of
 * the popup's import graph from its entry; the built size is checked by tests/bench/sizes.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../e2e/chromium';

const IMPORTS = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s*)?['"]([^'"]+)['"]/gm;

function resolve(from: string, spec: string): string | null {
  const base = spec.startsWith('@/')
    ? path.join(ROOT, spec.slice(2))
    : spec.startsWith('.')
      ? path.resolve(path.dirname(from), spec)
      : null;
  if (!base) return null;
  for (const ext of ['', '.ts', '.tsx', '/index.ts', '/index.tsx']) {
    const f = base + ext;
    if (/\.tsx?$/.test(f) && fs.existsSync(f) && fs.statSync(f).isFile()) return f;
  }
  return null;
}

/** Our source files the entry reaches through value imports (type-only imports load nothing). */
function reachable(entry: string): string[] {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const m of fs.readFileSync(file, 'utf8').matchAll(IMPORTS)) {
      const dep = resolve(file, m[1] as string);
      if (dep) queue.push(dep);
    }
  }
  return [...seen].map((f) => path.relative(ROOT, f));
}

/** Uses `browser.` without importing it from native-browser, so WXT would auto-import the polyfill. */
const usesPolyfilledBrowser = (code: string) =>
  /(?<![.\w])browser\.\w/.test(code.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')) &&
  !/import \{ browser \} from '[^']*native-browser'/.test(code);

describe('the popup and webextension-polyfill', () => {
  const files = reachable(path.join(ROOT, 'entrypoints/popup/main.tsx'));

  it('walks the popup import graph', () => {
    for (const f of ['entrypoints/popup/app.tsx', 'utils/i18n.ts', 'utils/messaging/history-client.ts'])
      expect(files).toContain(f);
    expect(files).not.toContain('utils/db/queries.ts');
  });

  it('takes the native browser API in every module it loads', () => {
    const offenders = files.filter((f) => usesPolyfilledBrowser(fs.readFileSync(path.join(ROOT, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('would notice a module using the auto-imported browser', () => {
    expect(usesPolyfilledBrowser('const tabs = await browser.tabs.query({});')).toBe(true);
    expect(
      usesPolyfilledBrowser("import { browser } from '@/utils/native-browser';\nbrowser.tabs.query({});"),
    ).toBe(false);
    expect(usesPolyfilledBrowser('// reads browser.i18n\nconst x = g.browser?.runtime;')).toBe(false);
  });
});

describe('the worker is the only owner of the database', () => {
  it('no extension page loads the store: each reads through the history client', () => {
    for (const page of ['popup', 'report', 'complaint', 'options', 'verify']) {
      const files = reachable(path.join(ROOT, `entrypoints/${page}/main.tsx`));
      expect(
        files.filter((f) => f.startsWith('utils/db/') || f.includes('node_modules/idb')),
        page,
      ).toEqual([]);
    }
    expect(reachable(path.join(ROOT, 'entrypoints/report/main.tsx'))).toContain(
      'utils/messaging/history-client.ts',
    );
  });
});
