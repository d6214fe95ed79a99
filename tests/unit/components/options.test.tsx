/**
 * The options page against WXT's fake storage, the in-memory permissions and the real history store on
 * fake-indexeddb: what it shows from storage, what it saves, the watched sites, and deleting history
 * (asked of the worker's own handler, as the page does).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { App } from '@/entrypoints/options/app';
import { deleteAll, listSessions, recordBatch } from '@/utils/db';
import { type FakePermissions, installFakePermissions } from '../fake-permissions';
import { allById, answerHistoryLikeTheWorker, byId, mount, sample, session, text } from './fixtures';

const REQUIRED = ['*://*.netflix.com/*'];
let perms: FakePermissions;

const input = (el: HTMLElement, id: string, value: string) => {
  const f = byId(el, id) as HTMLInputElement | HTMLSelectElement;
  f.value = value;
  f.dispatchEvent(new Event(f instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
};
const stored = async () => (await fakeBrowser.storage.local.get('settings')).settings;

beforeEach(() => {
  fakeBrowser.reset();
  perms = installFakePermissions([...REQUIRED, '*://b.example/*', '*://a.example/*']);
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({
    manifest_version: 3,
    name: 'StreamWitness',
    version: '0',
    host_permissions: REQUIRED,
  });
});
afterEach(async () => deleteAll());

describe('options page', () => {
  it('shows the stored settings, migrated, and reports a stored value it cannot use', async () => {
    await fakeBrowser.storage.local.set({
      settings: {
        isp: 'Example Telecom',
        planDownKbps: 250_000,
        country: 'us-ca',
        sampleRetentionDays: 'lots',
      },
    });
    const el = mount(<App />);
    await vi.waitFor(() => expect((byId(el, 'opt-isp') as HTMLInputElement).value).toBe('Example Telecom'));
    expect((byId(el, 'opt-planMbps') as HTMLInputElement).value).toBe('250');
    expect((byId(el, 'opt-country') as HTMLInputElement).value).toBe('US-CA');
    expect((byId(el, 'opt-sampleRetentionDays') as HTMLInputElement).value).toBe('180');
    expect(text(el, 'settings-problems')).toContain('raw sample retention ("lots")');
    expect(el.textContent).toContain('Complaint drafts start with: United States');
    // Reading changed nothing: the old shape stays until the user saves.
    expect(await stored()).not.toHaveProperty('v');
  });

  it('saves a versioned object; the country picks the complaint template shown', async () => {
    const el = mount(<App />);
    await vi.waitFor(() =>
      expect((byId(el, 'opt-sampleRetentionDays') as HTMLInputElement).value).toBe('180'),
    );
    input(el, 'opt-isp', 'Orange');
    input(el, 'opt-planMbps', '300');
    input(el, 'opt-country', 'fr');
    input(el, 'opt-sampleRetentionDays', '30');
    input(el, 'opt-badgeMode', 'off');
    await vi.waitFor(() => expect(el.textContent).toContain('Complaint drafts start with: France'));
    (byId(el, 'save-settings') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(text(el, 'save-status')).toContain('Saved.'));
    expect(await stored()).toEqual({
      v: 1,
      isp: 'Orange',
      planDownKbps: 300_000,
      country: 'FR',
      sampleRetentionDays: 30,
      badgeMode: 'off',
    });
  });

  it('saves nothing while a field is invalid, and says which', async () => {
    const el = mount(<App />);
    await vi.waitFor(() => expect(byId(el, 'opt-planMbps')).not.toBeNull());
    input(el, 'opt-planMbps', 'fast');
    input(el, 'opt-sampleRetentionDays', '0');
    // Let the page re-render with what was typed, as it has long before a person clicks.
    await new Promise((r) => setTimeout(r, 0));
    (byId(el, 'save-settings') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(text(el, 'save-status')).toContain('Not saved'));
    expect(byId(el, 'error-planMbps')).not.toBeNull();
    expect(byId(el, 'error-sampleRetentionDays')).not.toBeNull();
    expect(await stored()).toBeUndefined();
  });

  it('lists the sites the user turned on (not the named services) and turns one off', async () => {
    const el = mount(<App />);
    await vi.waitFor(() => expect(allById(el, 'watched-site-row')).toHaveLength(2));
    expect(allById(el, 'watched-site-row').map((r) => r.dataset.pattern)).toEqual([
      '*://a.example/*',
      '*://b.example/*',
    ]);
    (allById(el, 'remove-site')[0] as HTMLButtonElement).click();
    await vi.waitFor(() => expect(allById(el, 'watched-site-row')).toHaveLength(1));
    expect([...perms.granted]).toEqual([...REQUIRED, '*://b.example/*']);
  });

  it('deletes all recorded history only after the confirmation', async () => {
    answerHistoryLikeTheWorker();
    const { agg: _agg, ...meta } = session('options-session-1');
    await recordBatch({ session: meta, samples: [sample(meta.id, 0)], events: [] });
    const el = mount(<App />);
    await vi.waitFor(() => expect(byId(el, 'delete-all')).not.toBeNull());
    (byId(el, 'delete-all') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(byId(el, 'confirm-delete')).not.toBeNull());
    expect((await listSessions()).sessions).toHaveLength(1);
    (byId(el, 'confirm-delete') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(text(el, 'delete-status')).toContain('Deleted all recorded history'));
    expect((await listSessions()).sessions).toEqual([]);
  });
});
