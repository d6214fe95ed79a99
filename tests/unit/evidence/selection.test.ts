import { describe, expect, it } from 'vitest';
import type { StoredSession } from '../../../utils/db';
import { describeEnvironment } from '../../../utils/evidence/env';
import { loadSelection, pickComparisons } from '../../../utils/evidence/load';
import { describeSelection, parseSelection, scopeOf, selectionQuery } from '../../../utils/evidence/scope';
import { readSettings } from '../../../utils/evidence/settings';
import { isoWithOffset, parseLocalDay } from '../../../utils/evidence/time';
import { openStore } from '../db/helpers';
import { DAY, netflix, T0, TZ, youtube } from './fixtures';

const q = (s: string) => new URLSearchParams(s);
const NOW = T0 + 3 * DAY;

describe('page query → selection', () => {
  it('reads one session, a list, a range of local days, a service, everything, and the default', () => {
    expect(parseSelection(q('session=nflx-0001-aaaa'), NOW, TZ)).toEqual({
      ok: true,
      selection: { kind: 'sessions', ids: ['nflx-0001-aaaa'] },
    });
    expect(parseSelection(q('sessions=nflx-0001-aaaa,nflx-0002-bbbb,nflx-0001-aaaa'), NOW, TZ)).toMatchObject(
      {
        selection: { ids: ['nflx-0001-aaaa', 'nflx-0002-bbbb'] },
      },
    );
    // Local days at UTC+01:00, `to` inclusive: [2026-11-20 00:00 +01:00, 2026-11-23 00:00 +01:00).
    expect(parseSelection(q('from=2026-11-20&to=2026-11-22&service=netflix'), NOW, TZ)).toEqual({
      ok: true,
      selection: {
        kind: 'range',
        from: Date.UTC(2026, 10, 19, 23),
        to: Date.UTC(2026, 10, 22, 23),
        service: 'netflix',
      },
    });
    expect(parseSelection(q('all=1'), NOW, TZ)).toEqual({
      ok: true,
      selection: { kind: 'range', from: null, to: null, service: null },
    });
    expect(parseSelection(q(''), NOW, TZ)).toEqual({
      ok: true,
      selection: { kind: 'range', from: NOW - 30 * DAY, to: null, service: null },
    });
    expect(parseSelection(q('days=7'), NOW, TZ)).toMatchObject({ selection: { from: NOW - 7 * DAY } });
  });

  it('explains a bad query instead of guessing', () => {
    expect(parseSelection(q('session=../../etc'), NOW, TZ)).toEqual({
      ok: false,
      message: '“../../etc” is not a session id.',
    });
    expect(parseSelection(q('service=napster'), NOW, TZ)).toMatchObject({ ok: false });
    expect(parseSelection(q('from=2026-02-30'), NOW, TZ)).toEqual({
      ok: false,
      message: '“from” must be a date like 2026-11-01.',
    });
    expect(parseSelection(q('from=2026-11-25&to=2026-11-01'), NOW, TZ)).toMatchObject({ ok: false });
  });

  it('round-trips through its own query string', () => {
    for (const s of [
      'sessions=a1234567,b1234567',
      'from=2026-11-20&to=2026-11-22&service=netflix',
      'all=1&service=youtube',
    ]) {
      const first = parseSelection(q(s), NOW, TZ);
      if (!first.ok) throw new Error(first.message);
      expect(parseSelection(q(selectionQuery(first.selection)), NOW, TZ)).toEqual(first);
    }
  });

  it('records the scope in the file with ISO times', () => {
    const sel = {
      kind: 'range',
      from: Date.UTC(2026, 10, 19, 23),
      to: Date.UTC(2026, 10, 22, 23),
      service: 'netflix',
    } as const;
    expect(scopeOf(sel, TZ)).toEqual({
      kind: 'range',
      sessionIds: null,
      service: 'netflix',
      from: '2026-11-20T00:00:00.000+01:00',
      to: '2026-11-23T00:00:00.000+01:00',
      comparisonMarginMin: null,
    });
    expect(describeSelection(sel, TZ, 'Netflix')).toBe('Netflix, 2026-11-20 – 2026-11-22');
  });
});

describe('loading from the history store', () => {
  async function seeded() {
    const { store } = openStore();
    for (const s of [...netflix, ...youtube]) {
      await store.recordBatch({ session: s.session, samples: [...s.samples], events: [...s.events] });
    }
    return store;
  }

  it('loads a service over a range, with other services in the same hours as comparisons', async () => {
    const store = await seeded();
    const loaded = await loadSelection(
      store,
      { kind: 'range', from: T0 - DAY, to: T0 + 3 * DAY, service: 'netflix' },
      { comparisonMarginMin: 60 },
    );
    expect(loaded.subjects.map((s) => s.session.id).sort()).toEqual([
      'nflx-0001-aaaa',
      'nflx-0002-bbbb',
      'nflx-0003-cccc',
    ]);
    expect(loaded.comparisons.map((s) => s.session.id)).toEqual(['ytb-0001-dddd']);
    expect(loaded.subjects[0]?.samples.length).toBeGreaterThan(0);
    expect(loaded.truncated).toBe(false);
  });

  it('reports ids it cannot find rather than failing', async () => {
    const store = await seeded();
    const loaded = await loadSelection(store, { kind: 'sessions', ids: ['nflx-0003-cccc', 'gone-00000001'] });
    expect(loaded.subjects.map((s) => s.session.id)).toEqual(['nflx-0003-cccc']);
    expect(loaded.missing).toEqual(['gone-00000001']);
    expect(loaded.comparisons).toEqual([]);
  });

  it('picks only other services that overlap a subject session widened by the margin', () => {
    const [a] = netflix.map((s) => s.session);
    const yt = youtube[0]?.session;
    if (!a || !yt) throw new Error('fixtures');
    const later = {
      ...yt,
      id: 'ytb-late-0001',
      startedAt: (a.endedAt ?? 0) + 61 * 60_000,
      endedAt: (a.endedAt ?? 0) + 90 * 60_000,
    };
    const near = {
      ...yt,
      id: 'ytb-near-0001',
      startedAt: (a.endedAt ?? 0) + 59 * 60_000,
      endedAt: (a.endedAt ?? 0) + 90 * 60_000,
    };
    const sameService = { ...a, id: 'nflx-other-01' };
    expect(pickComparisons([a], [later, near, sameService, yt], 60 * 60_000).map((s) => s.id)).toEqual([
      'ytb-near-0001',
      'ytb-0001-dddd',
    ]);
  });

  it('treats two sites without a service name as two services, and one site as one', () => {
    const a = netflix[0]?.session as StoredSession;
    const site = (id: string, pageHost: string) => ({
      ...a,
      id,
      service: 'other' as const,
      pageHost,
      frameHost: pageHost,
    });
    const subject = site('site-a-0001', 'video.example.org');
    const otherSite = site('site-b-0001', 'tv.example.net');
    const sameSite = site('site-a-0002', 'video.example.org');
    expect(pickComparisons([subject], [otherSite, sameSite], 60 * 60_000).map((s) => s.id)).toEqual([
      'site-b-0001',
    ]);
  });
});

describe('environment, settings, time', () => {
  it('names browser, version and OS from what the page can read', () => {
    const chrome =
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
    const edge = `${chrome.replace('Linux x86_64', 'Windows NT 10.0; Win64; x64')} Edg/131.0.2903.70`;
    const firefox = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.1; rv:128.0) Gecko/20100101 Firefox/128.0';
    const base = { extensionVersion: '0.1.0', utcOffsetMin: 60, timeZone: 'Europe/Berlin' };
    expect(describeEnvironment({ ...base, userAgent: chrome, platformOs: 'linux' })).toMatchObject({
      browser: 'Chrome',
      browserVersion: '131.0.0.0',
      os: 'Linux',
    });
    expect(describeEnvironment({ ...base, userAgent: edge })).toMatchObject({
      browser: 'Edge',
      os: 'Windows',
    });
    expect(
      describeEnvironment({
        ...base,
        userAgent: firefox,
        browserInfo: { name: 'Firefox', version: '128.5.0esr' },
      }),
    ).toMatchObject({ browser: 'Firefox', browserVersion: '128.5.0esr', os: 'macOS' });
  });

  it('reads the settings it can use and drops the rest, tolerating absence', () => {
    expect(readSettings(undefined)).toEqual({});
    expect(readSettings({ isp: ' Example ', planDownKbps: 250_000, country: 'us-ca' })).toEqual({
      isp: 'Example',
      planDownKbps: 250_000,
      country: 'US-CA',
    });
    expect(readSettings({ isp: '', planDownKbps: -1, country: 'Narnia', extra: 1 })).toEqual({});
  });

  it('writes ISO times with the offset, including negative and half-hour ones', () => {
    expect(isoWithOffset(Date.UTC(2026, 0, 1, 0, 0, 0, 5), 0)).toBe('2026-01-01T00:00:00.005+00:00');
    expect(isoWithOffset(Date.UTC(2026, 0, 1, 3, 0), -300)).toBe('2025-12-31T22:00:00.000-05:00');
    expect(isoWithOffset(Date.UTC(2026, 0, 1, 0, 0), 330)).toBe('2026-01-01T05:30:00.000+05:30');
    expect(parseLocalDay('2026-11-20', 60)).toBe(Date.UTC(2026, 10, 19, 23));
    expect(parseLocalDay('2026-13-01', 0)).toBeNull();
  });
});
