import { useEffect, useRef, useState } from 'preact/hooks';
import type { LiveSnapshot } from '@/utils/messaging/worker-protocol';
import type { Aggregates } from '@/utils/schema/playback';
import { errorText, historyClient, resolveTabId } from './popup-data';

export type LiveLoad =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | {
      status: 'ready';
      live: LiveSnapshot | null;
      /** Stored totals of the live session, for its scores; null until first saved. */
      saved: Aggregates | null;
      /** Why the stored totals could not be read, if they could not. */
      savedError: string | null;
      /** When this was fetched. */
      at: number;
    };

export const LIVE_POLL_MS = 1000;

/**
 * Polls the worker for the tab's live snapshot every second while `active`, and the store for that
 * session's saved totals. A tick is skipped while the previous one is still out.
 */
export function useLive(tabParam: number | undefined, active: boolean): LiveLoad {
  const [load, setLoad] = useState<LiveLoad>({ status: 'loading' });
  // The last totals seen per session: an ended session drops out of liveSessionOfTab but keeps its scores.
  const lastSaved = useRef<{ sid: string; agg: Aggregates } | null>(null);

  useEffect(() => {
    if (!active) return;
    let stop = false;
    let busy = false;
    const tabId = resolveTabId(tabParam);

    const savedTotals = async (tab: number, sid: string): Promise<Aggregates | null> => {
      const row = await historyClient.liveSessionOfTab(tab);
      if (row && row.id === sid) lastSaved.current = { sid, agg: row.agg };
      return lastSaved.current?.sid === sid ? lastSaved.current.agg : null;
    };

    const tick = async () => {
      if (busy) return;
      busy = true;
      try {
        const tab = await tabId;
        const live = tab === undefined ? null : await historyClient.getLive(tab);
        let saved: Aggregates | null = null;
        let savedError: string | null = null;
        if (live && tab !== undefined) {
          try {
            saved = await savedTotals(tab, live.sid);
          } catch (err) {
            savedError = errorText(err);
          }
        }
        if (!stop) setLoad({ status: 'ready', live, saved, savedError, at: Date.now() });
      } catch (err) {
        if (!stop) setLoad({ status: 'error', message: errorText(err) });
      } finally {
        busy = false;
      }
    };

    void tick();
    const timer = setInterval(() => void tick(), LIVE_POLL_MS);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [tabParam, active]);

  return load;
}
