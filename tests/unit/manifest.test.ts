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
};

describe('shipped manifest permissions', () => {
  it.each(['chrome', 'firefox'] as const)('%s asks for exactly these', async (browser) => {
    expect(await shippedManifest(browser)).toEqual(EXPECTED);
  });
});
