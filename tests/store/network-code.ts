/**
 * A static look for network APIs in code: fetch, XMLHttpRequest, WebSocket, sendBeacon, EventSource,
 * WebTransport, RTCPeerConnection, importScripts, dynamic import of a URL. It proves only that these
 * names are absent (or, in bundled libraries, where they are and why they cannot send anything off the
 * device); the e2e in tests/e2e/privacy.spec.ts is what shows that nothing is sent.
 */

export const NETWORK_APIS: ReadonlyArray<readonly [string, RegExp]> = [
  ['fetch', /\bfetch\s*\(/g],
  ['XMLHttpRequest', /\bXMLHttpRequest\b/g],
  ['WebSocket', /\bWebSocket\b/g],
  ['sendBeacon', /\bsendBeacon\b/g],
  ['EventSource', /\bEventSource\b/g],
  ['WebTransport', /\bWebTransport\b/g],
  ['RTCPeerConnection', /\bRTCPeerConnection\b/g],
  ['importScripts', /\bimportScripts\b/g],
  ['import(url)', /\bimport\s*\(\s*[`'"]https?:/g],
];

export interface KnownUse {
  name: string;
  /** Why it cannot send anything off the device. */
  why: string;
  /** Recognises the library code around the match (the 700 characters before it and 100 after). */
  test(context: string): boolean;
}

/** The bundled-library uses found in the build, each checked by the code around it. */
export const KNOWN_LIBRARY_USES: readonly KnownUse[] = [
  {
    name: 'WXT injectScript (page-probe.js), Manifest V2 branch',
    why:
      'Runs only when manifest_version is 2; these builds are MV3, where the script is added by src. ' +
      'It would fetch the extension’s own page-probe.js (runtime.getURL), not a remote file.',
    test: (c) => /manifest_version\s*===?\s*2/.test(c) && /\.text\s*=\s*await\s+fetch\(/.test(c),
  },
  {
    name: 'Vite modulepreload polyfill',
    why:
      'Returns at once where the browser supports <link rel="modulepreload"> (Chrome 66+, Firefox 115+; ' +
      'the manifests require Chrome 116 and Firefox 142); otherwise it prefetches those links, which on ' +
      'extension pages are the extension’s own chunks.',
    test: (c) => /supports\(.modulepreload.\)\)return/.test(c) && /fetch\(\w+\.href/.test(c),
  },
];

export interface Finding {
  file: string;
  api: string;
  /** Index of the match in the file. */
  at: number;
  context: string;
  known: KnownUse | null;
}

export function scanCode(file: string, text: string): Finding[] {
  const out: Finding[] = [];
  for (const [api, re] of NETWORK_APIS) {
    for (const m of text.matchAll(re)) {
      const at = m.index ?? 0;
      const context = text.slice(Math.max(0, at - 700), at + 100);
      out.push({ file, api, at, context, known: KNOWN_LIBRARY_USES.find((k) => k.test(context)) ?? null });
    }
  }
  return out;
}
