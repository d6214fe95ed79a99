import { describe, expect, it } from 'vitest';
import { defaultMatchPatterns } from '@/utils/sites';
import { ANY_SITE, patternMatchesUrl, siteAccess, sitePattern, watchedSites } from '@/utils/sites/watch';

const REQUIRED = defaultMatchPatterns();

describe('match patterns', () => {
  it('follows the browsers: scheme, host with subdomains, path, and no port', () => {
    expect(patternMatchesUrl('*://*.netflix.com/*', 'https://www.netflix.com/watch/1')).toBe(true);
    expect(patternMatchesUrl('*://*.netflix.com/*', 'https://netflix.com/')).toBe(true);
    expect(patternMatchesUrl('*://*.netflix.com/*', 'https://evilnetflix.com/')).toBe(false);
    expect(patternMatchesUrl('*://watch.test/*', 'http://watch.test:8080/p?q=1')).toBe(true);
    expect(patternMatchesUrl('https://watch.test/*', 'http://watch.test/')).toBe(false);
    expect(patternMatchesUrl('*://watch.test/videos/*', 'https://watch.test/other')).toBe(false);
    expect(patternMatchesUrl(ANY_SITE, 'https://anything.example/')).toBe(true);
    expect(patternMatchesUrl(ANY_SITE, 'chrome://extensions/')).toBe(false);
    expect(patternMatchesUrl('not a pattern', 'https://x.example/')).toBe(false);
  });

  it('asks for one host, over http and https', () => {
    expect(sitePattern('https://Video.Example:8443/a/b')).toBe('*://video.example/*');
    expect(sitePattern('file:///home/me/a.mp4')).toBeNull();
  });
});

describe('which sites are watched', () => {
  it('lists only the optional grants: the permission is the record', () => {
    expect(watchedSites([...REQUIRED, '*://b.example/*', '*://a.example/*'], REQUIRED)).toEqual([
      '*://a.example/*',
      '*://b.example/*',
    ]);
    expect(watchedSites(REQUIRED, REQUIRED)).toEqual([]);
  });

  it('a named service is watched by default, and says so when the user took access away', () => {
    expect(siteAccess('https://www.netflix.com/watch/1', REQUIRED, REQUIRED)).toEqual({
      kind: 'default',
      host: 'www.netflix.com',
      granted: true,
      request: ['*://*.netflix.com/*'],
    });
    const revoked = REQUIRED.filter((o) => !o.includes('netflix'));
    expect(siteAccess('https://www.netflix.com/', revoked, REQUIRED)).toMatchObject({
      kind: 'default',
      granted: false,
      request: ['*://*.netflix.com/*'],
    });
  });

  it('any other site is watched only while turned on, and turning it off removes exactly its grant', () => {
    const url = 'https://video.example/watch?v=1';
    expect(siteAccess(url, REQUIRED, REQUIRED)).toEqual({
      kind: 'optional',
      host: 'video.example',
      granted: false,
      request: ['*://video.example/*'],
      remove: [],
      broad: null,
    });
    expect(siteAccess(url, [...REQUIRED, '*://video.example/*'], REQUIRED)).toMatchObject({
      granted: true,
      remove: ['*://video.example/*'],
      broad: null,
    });
  });

  it('a grant wider than the site is not removed from the popup (it would turn off other sites)', () => {
    expect(siteAccess('https://a.example/', [...REQUIRED, ANY_SITE], REQUIRED)).toMatchObject({
      granted: true,
      remove: [],
      broad: ANY_SITE,
    });
  });

  it('knows nothing of pages that are not http(s) or whose address the browser withheld', () => {
    expect(siteAccess(undefined, REQUIRED, REQUIRED)).toEqual({ kind: 'unknown' });
    expect(siteAccess('chrome://extensions', REQUIRED, REQUIRED)).toEqual({ kind: 'unknown' });
  });
});
