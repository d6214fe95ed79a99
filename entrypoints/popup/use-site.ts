import { useCallback, useEffect, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { browser } from '@/utils/native-browser';
import { type SiteAccess, siteAccess } from '@/utils/sites/watch';
import { errorText, resolveTabId } from './popup-data';

export interface SiteState {
  access: SiteAccess;
  busy: boolean;
  error: string | null;
  watch: () => void;
  stop: () => void;
}

/**
 * Whether the tab's site is watched, from the browser's granted permissions (re-read whenever they
 * change), and the two actions. The tab's address is known through activeTab (the toolbar click) or a
 * host permission; without either the site is 'unknown' and nothing is offered.
 */
export function useSite(tabParam: number | undefined): SiteState {
  const [access, setAccess] = useState<SiteAccess>({ kind: 'unknown' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let gone = false;
    const refresh = () =>
      void (async () => {
        const tabId = await resolveTabId(tabParam);
        const url = tabId === undefined ? undefined : (await browser.tabs.get(tabId)).url;
        const granted = (await browser.permissions.getAll()).origins ?? [];
        const required = browser.runtime.getManifest().host_permissions ?? [];
        if (!gone) setAccess(siteAccess(url, granted, required));
      })().catch(() => undefined);
    refresh();
    browser.permissions.onAdded.addListener(refresh);
    browser.permissions.onRemoved.addListener(refresh);
    return () => {
      gone = true;
      browser.permissions.onAdded.removeListener(refresh);
      browser.permissions.onRemoved.removeListener(refresh);
    };
  }, [tabParam]);

  const run = useCallback((request: () => Promise<boolean>, refused: string) => {
    setBusy(true);
    setError(null);
    // `request` runs here, inside the click: the browser shows its prompt only during a user gesture.
    request()
      .then(
        (ok) => {
          if (!ok) setError(refused);
        },
        (e: unknown) => setError(errorText(e)),
      )
      .finally(() => setBusy(false));
  }, []);

  const watch = () => {
    if (access.kind === 'unknown') return;
    run(() => browser.permissions.request({ origins: access.request }), t('watchRefused'));
  };
  const stop = () => {
    if (access.kind !== 'optional' || access.remove.length === 0) return;
    run(() => browser.permissions.remove({ origins: access.remove }), t('stopRefused'));
  };
  return { access, busy, error, watch, stop };
}
