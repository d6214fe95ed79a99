/**
 * The content script's bundle resolves `wxt/browser` to WXT's own (native) browser instead of the
 * polyfill, which stays for the worker and the extension pages: 9.6 KB less on every watched frame. So
 * does the tracker, which the worker injects into frames where a video appears.
 */

import type { InlineConfig } from 'vite';
import { describe, expect, it } from 'vitest';
import type { Entrypoint } from 'wxt';

type Alias = { find: string | RegExp; replacement: string };

async function aliasesFor(type: Entrypoint['type'], name = 'video'): Promise<Alias[]> {
  const { default: config } = await import('../../../wxt.config');
  const hooks = config.hooks as Record<string, unknown> | undefined;
  const hook = hooks?.['vite:build:extendConfig'] as
    | ((entrypoints: Entrypoint[], vite: InlineConfig) => unknown)
    | undefined;
  if (!hook) throw new Error('wxt.config.ts has no vite:build:extendConfig hook');
  const vite = { resolve: { alias: { 'wxt/browser': '@wxt-dev/webextension-polyfill/browser' } } };
  await hook([{ type, name } as Entrypoint], vite);
  const alias = vite.resolve.alias as unknown;
  return Array.isArray(alias)
    ? (alias as Alias[])
    : Object.entries(alias as Record<string, string>).map(([find, replacement]) => ({ find, replacement }));
}

/** What `wxt/browser` resolves to: the first alias that matches wins, as in Vite. */
const resolved = (aliases: Alias[]) =>
  aliases.find((a) => (typeof a.find === 'string' ? a.find === 'wxt/browser' : a.find.test('wxt/browser')))
    ?.replacement;

describe('wxt/browser per bundle', () => {
  it('is the native browser in the content script', async () => {
    expect(resolved(await aliasesFor('content-script'))).toBe('@wxt-dev/browser');
  });

  it('is the native browser in the tracker the worker injects into frames with a video', async () => {
    expect(resolved(await aliasesFor('unlisted-script', 'video-tracker'))).toBe('@wxt-dev/browser');
  });

  it('stays the polyfill in the worker and the pages', async () => {
    expect(resolved(await aliasesFor('background'))).toBe('@wxt-dev/webextension-polyfill/browser');
    expect(resolved(await aliasesFor('popup'))).toBe('@wxt-dev/webextension-polyfill/browser');
  });
});
