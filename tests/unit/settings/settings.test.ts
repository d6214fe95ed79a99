import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { problemText } from '@/components/settings-problems';
import { readSettings as evidenceSettings } from '@/utils/evidence/settings';
import {
  DEFAULT_SETTINGS,
  fromForm,
  loadSettings,
  readSettings,
  SETTINGS_VERSION,
  saveSettings,
  toForm,
} from '@/utils/settings/store';

describe('stored settings', () => {
  beforeEach(() => fakeBrowser.reset());

  it('absent settings are the defaults, with nothing to report', () => {
    expect(loadSettings(undefined)).toEqual({
      settings: DEFAULT_SETTINGS,
      problems: [],
      migratedFrom: null,
      newer: false,
    });
    expect(DEFAULT_SETTINGS).toEqual({ v: 1, sampleRetentionDays: 180, badgeMode: 'resolution' });
  });

  it('migrates the unversioned shape (v0) the export and retention job read, keeping every valid field', () => {
    const v0 = { isp: ' Example Telecom ', planDownKbps: 250_000, country: 'us-ca', sampleRetentionDays: 30 };
    expect(loadSettings(v0)).toEqual({
      settings: {
        v: SETTINGS_VERSION,
        isp: 'Example Telecom',
        planDownKbps: 250_000,
        country: 'US-CA',
        sampleRetentionDays: 30,
        badgeMode: 'resolution',
      },
      problems: [],
      migratedFrom: 0,
      newer: false,
    });
  });

  it('an invalid field is reported and falls back, the rest is kept', () => {
    const r = loadSettings({
      v: 1,
      isp: 'Kept',
      sampleRetentionDays: -4,
      badgeMode: 'rainbow',
      country: 'Narnia',
    });
    expect(r.settings).toEqual({ ...DEFAULT_SETTINGS, isp: 'Kept' });
    expect(r.problems).toHaveLength(3);
    expect(r.problems).toEqual([
      { code: 'invalid-field', field: 'country', value: '"Narnia"' },
      { code: 'invalid-field', field: 'sampleRetentionDays', value: '-4' },
      { code: 'invalid-field', field: 'badgeMode', value: '"rainbow"' },
    ]);
    // The options page words them (components/settings-problems.tsx).
    expect(r.problems.map(problemText)).toEqual([
      'The stored country or region ("Narnia") was not valid and is not used.',
      'The stored raw sample retention (-4) was not valid and is not used.',
      'The stored badge mode ("rainbow") was not valid and is not used.',
    ]);
  });

  it('is never crashed by junk, and flags a shape from a newer version instead of dropping it', () => {
    expect(loadSettings('oops').problems).toEqual([{ code: 'not-object' }]);
    expect(problemText({ code: 'not-object' })).toMatch(/not an object/);
    expect(loadSettings([1, 2]).settings).toEqual(DEFAULT_SETTINGS);
    expect(loadSettings({ v: 'x', isp: 'A' })).toMatchObject({ settings: { isp: 'A' }, newer: false });
    const future = loadSettings({ v: 7, isp: 'A', badgeMode: 'off', somethingNew: true });
    expect(future).toMatchObject({
      newer: true,
      migratedFrom: null,
      settings: { isp: 'A', badgeMode: 'off' },
    });
  });

  it('round-trips through storage; the retention job and the evidence export read the same values', async () => {
    await saveSettings({
      ...DEFAULT_SETTINGS,
      isp: 'ISP',
      planDownKbps: 50_000,
      country: 'DE',
      sampleRetentionDays: 7,
    });
    const raw = (await fakeBrowser.storage.local.get('settings')).settings;
    expect(raw).toMatchObject({ v: 1, sampleRetentionDays: 7 });
    expect((await readSettings()).settings.sampleRetentionDays).toBe(7);
    expect(evidenceSettings(raw)).toEqual({ isp: 'ISP', planDownKbps: 50_000, country: 'DE' });
  });
});

describe('the options form', () => {
  const form = toForm(DEFAULT_SETTINGS);

  it('shows the plan in Mbps and stores kbps; empty optional fields mean "not stated"', () => {
    expect(form).toEqual({
      isp: '',
      planMbps: '',
      country: '',
      sampleRetentionDays: '180',
      badgeMode: 'resolution',
    });
    expect(fromForm({ ...form, planMbps: '100', country: 'fr', isp: ' Orange ' })).toEqual({
      ok: true,
      settings: { ...DEFAULT_SETTINGS, planDownKbps: 100_000, country: 'FR', isp: 'Orange' },
    });
    expect(fromForm({ ...form, planMbps: '0,5' })).toMatchObject({
      ok: true,
      settings: { planDownKbps: 500 },
    });
    expect(toForm({ ...DEFAULT_SETTINGS, planDownKbps: 500 }).planMbps).toBe('0.5');
    // In a language with a decimal comma the plan is shown with one, and reads back the same.
    const de = toForm({ ...DEFAULT_SETTINGS, planDownKbps: 1_500 }, 'de');
    expect(de).toMatchObject({ planMbps: '1,5', sampleRetentionDays: '180' });
    expect(fromForm(de)).toMatchObject({ ok: true, settings: { planDownKbps: 1_500 } });
  });

  it('names every field it cannot accept, and saves nothing then', () => {
    const r = fromForm({
      isp: 'x'.repeat(201),
      planMbps: 'fast',
      country: 'Germany',
      sampleRetentionDays: '0',
      badgeMode: 'x',
    });
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : Object.keys(r.errors).sort()).toEqual([
      'badgeMode',
      'country',
      'isp',
      'planMbps',
      'sampleRetentionDays',
    ]);
    expect(fromForm({ ...form, sampleRetentionDays: '' }).ok).toBe(false);
    expect(fromForm({ ...form, sampleRetentionDays: '12.5' }).ok).toBe(false);
  });
});
