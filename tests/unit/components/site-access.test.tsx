/**
 * The popup's "Watch this site" wiring against an in-memory permissions API (tests/unit/fake-permissions):
 * the offer appears only where the site is not watched, the click asks for exactly that host, and the
 * popup follows the grant as the browser reports it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { App } from '@/entrypoints/popup/app';
import { type FakePermissions, installFakePermissions } from '../fake-permissions';
import { answerHistoryLikeTheWorker, byId, mount, text } from './fixtures';

const REQUIRED = ['*://*.netflix.com/*'];
let perms: FakePermissions;

async function openOn(url: string) {
  const tab = await fakeBrowser.tabs.create({ url });
  window.history.replaceState(null, '', `/popup.html?tab=${tab.id}`);
  return mount(<App />);
}

beforeEach(() => {
  fakeBrowser.reset();
  perms = installFakePermissions(REQUIRED);
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({
    manifest_version: 3,
    name: 'StreamWitness',
    version: '0',
    host_permissions: REQUIRED,
  });
  fakeBrowser.runtime.onMessage.addListener((msg: unknown) =>
    (msg as { type?: unknown })?.type === 'getLive' ? { ok: true, result: null } : undefined,
  );
  answerHistoryLikeTheWorker();
});
afterEach(() => window.history.replaceState(null, '', '/popup.html'));

describe('watch this site, from the popup', () => {
  it('offers to watch a site that is not watched; the click grants exactly that host', async () => {
    const el = await openOn('https://video.example/watch?v=1');
    await vi.waitFor(() => expect(text(el, 'not-watched')).toContain('not watching video.example'));
    expect(byId(el, 'no-video')).toBeNull();
    (byId(el, 'watch-site') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(byId(el, 'stop-watching')).not.toBeNull());
    expect([...perms.granted]).toEqual([...REQUIRED, '*://video.example/*']);
    expect(byId(el, 'not-watched')).toBeNull();
    expect(text(el, 'watched-site')).toContain('Watching video.example because you turned it on');

    (byId(el, 'stop-watching') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(byId(el, 'watch-site')).not.toBeNull());
    expect([...perms.granted]).toEqual(REQUIRED);
  });

  it('says so plainly when the user declines the browser prompt', async () => {
    perms.answer = false;
    const el = await openOn('https://video.example/');
    await vi.waitFor(() => expect(byId(el, 'watch-site')).not.toBeNull());
    (byId(el, 'watch-site') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(text(el, 'watch-error')).toContain('still not watched'));
    expect([...perms.granted]).toEqual(REQUIRED);
  });

  it('a named service needs no button, unless its access was taken away in the browser', async () => {
    const el = await openOn('https://www.netflix.com/title/1');
    await vi.waitFor(() => expect(byId(el, 'no-video')).not.toBeNull());
    expect(byId(el, 'watch-site')).toBeNull();
    expect(byId(el, 'watched-site')).toBeNull();

    perms.granted.clear();
    const again = await openOn('https://www.netflix.com/title/1');
    await vi.waitFor(() => expect(text(again, 'not-watched')).toContain('turned off in the browser'));
    (byId(again, 'watch-site') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(byId(again, 'not-watched')).toBeNull());
    expect([...perms.granted]).toEqual(REQUIRED);
  });

  it('offers nothing where the browser withholds the address (no activeTab, no permission)', async () => {
    const el = await openOn('chrome://extensions/');
    await vi.waitFor(() => expect(byId(el, 'no-video')).not.toBeNull());
    expect(byId(el, 'watch-site')).toBeNull();
  });
});
