import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import {
  isWatchedUrl,
  onOriginsAdded,
  onOriginsRemoved,
  resumeWatchedSites,
  WATCHED_PROBE_ID,
  WATCHED_SCRIPT_ID,
} from '@/entrypoints/background/watch';
import { type FakePermissions, installFakePermissions } from '../fake-permissions';

const REQUIRED = ['*://*.netflix.com/*', 'http://127.0.0.1/*'];
const A = '*://a.example/*';
const B = '*://b.example/*';

let perms: FakePermissions;
let tabs: Array<{ id: number; url: string }>;
let sent: Array<{ tabId: number; msg: unknown }>;

beforeEach(() => {
  fakeBrowser.reset();
  perms = installFakePermissions(REQUIRED);
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({
    manifest_version: 3,
    name: 'StreamWitness',
    version: '0',
    host_permissions: REQUIRED,
    content_scripts: [
      {
        matches: REQUIRED,
        js: ['content-scripts/probe.js'],
        run_at: 'document_start',
        all_frames: true,
        world: 'MAIN',
      },
      { matches: REQUIRED, js: ['content-scripts/video.js'], run_at: 'document_start', all_frames: true },
    ] as never,
  });
  tabs = [
    { id: 1, url: 'https://a.example/watch' },
    { id: 2, url: 'https://b.example/' },
    { id: 3, url: 'https://www.netflix.com/title/1' },
  ];
  sent = [];
  // The real query matches URL patterns; the fake compares strings, so answer as the browser would.
  vi.spyOn(fakeBrowser.tabs, 'query').mockImplementation(async (q: { url?: string | string[] }) => {
    const pats = q.url === undefined ? null : [q.url].flat();
    const { patternMatchesUrl } = await import('@/utils/sites/watch');
    return tabs.filter((t) => !pats || pats.some((p) => patternMatchesUrl(p, t.url))) as never;
  });
  // No content script answers the ping, so every matching tab gets one injected.
  (fakeBrowser.tabs as unknown as { sendMessage: unknown }).sendMessage = async (
    tabId: number,
    msg: unknown,
  ) => {
    sent.push({ tabId, msg });
    throw new Error('Could not establish connection. Receiving end does not exist.');
  };
});

const registered = () => [...perms.registered.values()];

describe('watched sites in the worker', () => {
  it('a site turned on gets the content scripts: registered for new loads, injected into open tabs', async () => {
    perms.grant([A]);
    await onOriginsAdded({ origins: [A] });
    expect(registered()).toEqual([
      {
        id: WATCHED_PROBE_ID,
        matches: [A],
        js: ['content-scripts/probe.js'],
        runAt: 'document_start',
        allFrames: true,
        world: 'MAIN',
        persistAcrossSessions: true,
      },
      {
        id: WATCHED_SCRIPT_ID,
        matches: [A],
        js: ['content-scripts/video.js'],
        runAt: 'document_start',
        allFrames: true,
        persistAcrossSessions: true,
      },
    ]);
    // The probe first, in the page's world; then the content script, which meets it (probe-channel.ts).
    expect(perms.injected).toEqual([
      { tabId: 1, files: ['content-scripts/probe.js'], world: 'MAIN' },
      { tabId: 1, files: ['content-scripts/video.js'] },
    ]);
  });

  it('follows every change of the grants, and a site turned off is told to stop', async () => {
    perms.grant([A, B]);
    await onOriginsAdded({ origins: [A, B] });
    expect(registered().map((r) => r.matches)).toEqual([
      [A, B],
      [A, B],
    ]);

    await fakeBrowser.permissions.remove({ origins: [A] });
    await onOriginsRemoved({ origins: [A] });
    expect(registered().map((r) => r.matches)).toEqual([[B], [B]]);
    // Every tab hears it (without the permission the worker may not see which tab shows the site).
    expect(
      sent.filter((s) => (s.msg as { type: string }).type === 'watchRevoked').map((s) => s.tabId),
    ).toEqual([1, 2, 3]);

    await fakeBrowser.permissions.remove({ origins: [B] });
    await onOriginsRemoved({ origins: [B] });
    expect(registered()).toEqual([]);
  });

  it('a named service whose access comes back (Firefox) resumes in its open tabs, with no registration', async () => {
    perms.granted.delete(REQUIRED[0] as string);
    perms.grant([REQUIRED[0] as string]);
    await onOriginsAdded({ origins: [REQUIRED[0] as string] });
    expect(registered()).toEqual([]);
    expect(perms.injected.map((i) => i.tabId)).toEqual([3, 3]);
  });

  it('after an update, re-makes the registration from the grants and resumes the open tabs', async () => {
    perms.granted.add(B);
    await resumeWatchedSites();
    expect(registered().map((r) => r.matches)).toEqual([[B], [B]]);
    expect(perms.injected.map((i) => i.tabId)).toEqual([2, 2]);
  });

  it('answers a content script whether its page is still watched', async () => {
    perms.granted.add(A);
    expect(await isWatchedUrl('https://a.example/x')).toBe(true);
    expect(await isWatchedUrl('http://www.netflix.com/x')).toBe(true);
    expect(await isWatchedUrl('https://b.example/x')).toBe(false);
  });
});
