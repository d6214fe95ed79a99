/**
 * Issue #14, item 5: a page must not be able to tell that StreamWitness is installed (a service that
 * could see it could treat its users differently). The same page script runs in two browsers in one
 * run, one with the extension and one without, and what it finds must be the same: global symbols on
 * the MediaSource and SourceBuffer prototypes, the source text, `name`, `length`, keys and descriptors
 * of the functions the probe wraps, a fetch of the extension's files, the stack (text and V8 frames)
 * of MediaSource calls that throw, messages posted to the window, globals, scripts and resources. A
 * control then shows the probe was really there: a dash.js stream in the same tab gets a bitrate, which
 * only the probe's reports give.
 */
import { chromium } from '@playwright/test';
import { CHROMIUM_PATH } from './chromium';
import { expect, test } from './fixtures';
import { playerUrl, waitForPlayback } from './players';

test('a page cannot tell whether StreamWitness is installed', async ({
  context,
  server,
  extension,
  extensionId,
}) => {
  test.setTimeout(90_000);
  const url = server.url('a', '/pages/detect.html');
  const plainBrowser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required'],
  });
  try {
    const plain = await (await plainBrowser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    const watched = await context.newPage();
    await plain.goto(url);
    await watched.goto(url);
    type Detect = { __detect(id: string): Promise<unknown> };
    const without = await plain.evaluate((id) => (window as unknown as Detect).__detect(id), extensionId);
    const withExt = await watched.evaluate((id) => (window as unknown as Detect).__detect(id), extensionId);
    // Not vacuous: the probes looked at what they should have.
    const w = withExt as {
      fns: Record<string, { source: string }>;
      errors: Record<string, unknown>;
      fetches: Record<string, string>;
    };
    expect(w.fns['SourceBuffer.appendBuffer']?.source).toBe('function appendBuffer() { [native code] }');
    expect(w.errors.appendWhileUpdating).toMatchObject({
      text: expect.stringContaining('InvalidStateError'),
    });
    expect(w.fetches['content-scripts/probe.js']).toMatch(/TypeError/);
    // One known difference, and only for a page that installs its own Error.prepareStackTrace: the
    // frames V8 hands that hook for a TypeError from Function.prototype.toString on a non-function lack
    // the builtin's own frame (the stack text has it; docs/PRIVACY.md). Everything else is equal.
    type Errors = { errors: Record<string, unknown> };
    const hooked = (r: unknown) => (r as Errors).errors.toStringOfObjectFrames as string[];
    expect(hooked(withExt)).toEqual(hooked(without).filter((f) => !f.startsWith('null toString ')));
    delete (withExt as Errors).errors.toStringOfObjectFrames;
    delete (without as Errors).errors.toStringOfObjectFrames;
    expect(withExt).toEqual(without);

    // The control: the probe is in this very tab, and reports the bitrate of what plays.
    await watched.goto(playerUrl(server, 'dash'));
    await waitForPlayback(watched, 4);
    const tabId = await extension.tabIdOf(watched);
    const ext = await extension.extPage();
    await expect
      .poll(
        async () =>
          ext.evaluate(async (tab) => {
            const runtime = chrome.runtime as unknown as { sendMessage(m: unknown): Promise<unknown> };
            // The worker's reply to a page request: { ok, result } (utils/messaging/protocol.ts).
            const r = (await runtime.sendMessage({ type: 'getLive', tabId: tab })) as {
              result?: { br?: number | null } | null;
            };
            return r.result?.br ?? null;
          }, tabId),
        { timeout: 20_000 },
      )
      .toBeGreaterThan(0);
  } finally {
    await plainBrowser.close();
  }
});
