import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { badgeSettingChanged, setLive } from '@/entrypoints/background/live';
import { DEFAULT_SETTINGS, saveSettings } from '@/utils/settings/store';
import { live } from '../components/fixtures';

describe('badge mode setting', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    await badgeSettingChanged();
    vi.spyOn(Date, 'now').mockReturnValue(live().updatedAt);
  });

  it('shows the resolution by default, nothing when turned off, and follows a change at once', async () => {
    const tabId = 7;
    await setLive(tabId, live());
    expect(await fakeBrowser.action.getBadgeText({ tabId })).toBe('1080');

    await saveSettings({ ...DEFAULT_SETTINGS, badgeMode: 'off' });
    // The worker's storage.onChanged listener calls this; it repaints the tabs it knows.
    await badgeSettingChanged();
    expect(await fakeBrowser.action.getBadgeText({ tabId })).toBe('');
    await setLive(tabId, live({ state: 'stalled' }));
    expect(await fakeBrowser.action.getBadgeText({ tabId })).toBe('');

    await saveSettings({ ...DEFAULT_SETTINGS, badgeMode: 'resolution' });
    await badgeSettingChanged();
    expect(await fakeBrowser.action.getBadgeText({ tabId })).toBe('WAIT');
  });
});
