/**
 * What the popup reads from its URL, and its line to the history. The worker owns the store and answers
 * reads and deletions: the popup carries neither idb nor zod, and "Now playing" paints from the worker's
 * live snapshot.
 */

import type { EvidencePage } from '@/components/evidence-actions';
import { t } from '@/utils/i18n';
import { createHistoryClient, type HistoryClient } from '@/utils/messaging/history-client';
import { browser } from '@/utils/native-browser';

export type View = 'now' | 'history' | 'compare';

export interface PopupParams {
  /** `?tab=<id>`: the tab to describe when the popup is opened as a page (tests, report links). */
  tabId?: number;
  /** `?view=history` opens on the history list, `?view=compare` on the comparison. */
  view: View;
  /** `?session=<id>` opens that session's detail. */
  session: string | null;
}

export function readParams(search: string): PopupParams {
  const q = new URLSearchParams(search);
  const tab = Number(q.get('tab'));
  const session = q.get('session');
  return {
    ...(Number.isInteger(tab) && tab > 0 ? { tabId: tab } : {}),
    view:
      q.get('view') === 'history' || session ? 'history' : q.get('view') === 'compare' ? 'compare' : 'now',
    session: session && /^[A-Za-z0-9_-]{8,64}$/.test(session) ? session : null,
  };
}

/** History reads and deletions, answered by the worker (the popup does not open the database). */
export const historyClient: HistoryClient = createHistoryClient();

export const errorText = (err: unknown): string =>
  err instanceof Error ? err.message || err.name : String(err ?? t('unknownError'));

/** The viewer's current offset, minutes east of UTC (the sign SessionMeta.tzOffsetMin uses). */
export const viewerOffsetMin = (): number => -new Date().getTimezoneOffset();

/** Which tab the popup describes: `?tab=` when given, else the active tab of this window. */
export async function resolveTabId(fromQuery: number | undefined): Promise<number | undefined> {
  if (fromQuery !== undefined) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

/**
 * Opens the report or complaint page in a new tab, with the selection in its query string (the format
 * utils/evidence/scope.ts parses). Those pages ask the worker for the history; the popup passes only ids.
 */
export function openEvidencePage(page: EvidencePage, query: string): void {
  const url = browser.runtime.getURL(`/${page}.html?${query}`);
  // A failure here is the browser refusing a tab; there is nothing better to show in a closing popup.
  browser.tabs
    .create({ url })
    .catch((err: unknown) => console.error('StreamWitness: could not open', url, err));
}

/** The options page (ISP, plan, country, retention, watched sites), in the browser's own place for it. */
export function openSettings(): void {
  browser.runtime
    .openOptionsPage()
    .catch((err: unknown) => console.error('StreamWitness: could not open the settings', err));
}
