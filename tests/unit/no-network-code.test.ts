/**
 * Our own code (everything the build bundles from entrypoints/, components/, utils/) names no network
 * API. A static check: it cannot see what a bundled library does (tests/store/package-check.ts scans the
 * built files for that) and it proves nothing at run time (tests/e2e/privacy.spec.ts does).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../e2e/chromium';
import { KNOWN_LIBRARY_USES, scanCode } from '../store/network-code';

function sources(dir: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|tsx|js|html)$/.test(f) && !/\.test\.tsx?$/.test(f))
    .map((f) => path.join(dir, f));
}

describe('no network code in our sources', () => {
  const files = [...sources('entrypoints'), ...sources('components'), ...sources('utils')];

  it('reads the sources it should', () => {
    expect(files).toContain(path.join('entrypoints', 'background', 'index.ts'));
    expect(files).toContain(path.join('entrypoints', 'video-tracker', 'network.ts'));
    expect(files.length).toBeGreaterThan(100);
  });

  it('names no fetch, XMLHttpRequest, WebSocket, sendBeacon, EventSource or the like', () => {
    const findings = files.flatMap((f) => scanCode(f, fs.readFileSync(path.join(ROOT, f), 'utf8')));
    expect(findings.map((x) => `${x.file}: ${x.api}`)).toEqual([]);
  });

  it('would notice one', () => {
    const code = 'void navigator.sendBeacon("https://x.example/", d); const r = await fetch (u);';
    expect(scanCode('x.ts', code).map((f) => f.api)).toEqual(['fetch', 'sendBeacon']);
    expect(
      scanCode('x.ts', 'const ws = new WebSocket(u); import("https://cdn.example/x.js")').map((f) => f.api),
    ).toEqual(['WebSocket', 'import(url)']);
  });

  it('accepts a known library use only with its surrounding code', () => {
    const wxt =
      'let i=u.runtime.getManifest().manifest_version===2;i?r.text=await fetch(n).then(e=>e.text()):r.src=n';
    expect(scanCode('video.js', wxt).map((f) => f.known?.name)).toEqual([KNOWN_LIBRARY_USES[0]?.name]);
    expect(scanCode('video.js', 'r.text=await fetch(n)').map((f) => f.known)).toEqual([null]);
  });
});
