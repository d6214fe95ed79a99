/**
 * The permissions the shipped extension asks for, pinned: a change here is a change users are asked
 * to accept (Chrome disables an updated extension until they do), so it must be deliberate.
 */
import { describe, expect, it } from 'vitest';

async function shippedManifest(browser: 'chrome' | 'firefox') {
  const before = process.env.SW_TEST_BUILD;
  delete process.env.SW_TEST_BUILD;
  try {
    const { default: config } = await import('../../wxt.config');
    const manifest = config.manifest as (env: {
      browser: string;
      manifestVersion: 3;
    }) => Record<string, unknown>;
    const m = manifest({ browser, manifestVersion: 3 });
    return {
      permissions: m.permissions,
      host_permissions: m.host_permissions,
      optional_host_permissions: m.optional_host_permissions,
      optional_permissions: m.optional_permissions,
      web_accessible_resources: m.web_accessible_resources,
    };
  } finally {
    if (before !== undefined) process.env.SW_TEST_BUILD = before;
  }
}

const EXPECTED = {
  permissions: ['storage', 'scripting', 'activeTab', 'webRequest'],
  host_permissions: [
    '*://*.netflix.com/*',
    '*://*.youtube.com/*',
    '*://*.youtube-nocookie.com/*',
    '*://*.twitch.tv/*',
    '*://*.primevideo.com/*',
    '*://*.disneyplus.com/*',
    '*://*.max.com/*',
    '*://*.hbomax.com/*',
    '*://*.hulu.com/*',
  ],
  optional_host_permissions: ['*://*/*'],
  optional_permissions: undefined,
  // None: any page could fetch such a file by the extension's id and so tell it is installed (the
  // probe is a MAIN-world content script instead).
  web_accessible_resources: undefined,
};

describe('shipped manifest permissions', () => {
  it.each(['chrome', 'firefox'] as const)('%s asks for exactly these', async (browser) => {
    expect(await shippedManifest(browser)).toEqual(EXPECTED);
  });
});

describe('content scripts', () => {
  it("the probe runs in the page's world, in the same frames and pages as the content script", async () => {
    const { default: probe } = await import('../../entrypoints/probe.content/index');
    const { default: content } = await import('../../entrypoints/video.content/index');
    const { main: _p, ...probeOptions } = probe as unknown as Record<string, unknown>;
    expect(probeOptions).toMatchObject({
      world: 'MAIN',
      runAt: 'document_start',
      allFrames: true,
      globalName: false,
    });
    expect(probeOptions.matches).toEqual((content as unknown as { matches: string[] }).matches);
    expect((content as unknown as Record<string, unknown>).allFrames).toBe(true);
    // No "content script started" message a page could read (it names the extension's id).
    expect((content as unknown as Record<string, unknown>).noScriptStartedPostMessage).toBe(true);
  });
});
