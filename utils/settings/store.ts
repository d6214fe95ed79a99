/**
 * Settings in storage.local, read through loadSettings so every reader (worker, report, options page)
 * sees the same migrated, validated values. A migrated shape is written back only by `saveSettings`.
 */
import { DEFAULT_SETTINGS, type LoadedSettings, loadSettings, SETTINGS_KEY, Settings } from './schema';

export * from './schema';

export async function readSettings(): Promise<LoadedSettings> {
  try {
    const got = await browser.storage.local.get(SETTINGS_KEY);
    return loadSettings(got[SETTINGS_KEY]);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return {
      settings: { ...DEFAULT_SETTINGS },
      problems: [{ code: 'unreadable', reason: why }],
      migratedFrom: null,
      newer: false,
    };
  }
}

export async function saveSettings(settings: Settings): Promise<void> {
  await browser.storage.local.set({ [SETTINGS_KEY]: Settings.parse(settings) });
}

/** Calls `cb` with the new settings whenever they change in storage; returns the unsubscribe. */
export function onSettingsChanged(cb: (loaded: LoadedSettings) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && SETTINGS_KEY in changes) cb(loadSettings(changes[SETTINGS_KEY]?.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
