import { useEffect, useState } from 'preact/hooks';
import type { DetailLoad } from '@/components/session-detail';
import type { QuarantineSummary, QuotaStatus } from '@/utils/db';
import { errorText, historyClient } from './popup-data';

export interface StoreStatus {
  storage: QuotaStatus | null;
  quarantine: QuarantineSummary | null;
  error: string | null;
}

/**
 * Storage trouble and quarantined records, read when the popup opens (after first paint) and again
 * whenever `version` changes (after everything was deleted).
 */
export function useStoreStatus(version = 0): StoreStatus {
  const [status, setStatus] = useState<StoreStatus>({ storage: null, quarantine: null, error: null });
  useEffect(() => {
    let stop = false;
    historyClient.storeStatus().then(
      (answer) => {
        if (!stop) setStatus(answer);
      },
      (err: unknown) => {
        if (!stop) setStatus({ storage: null, quarantine: null, error: errorText(err) });
      },
    );
    return () => {
      stop = true;
    };
  }, [version]);
  return status;
}

/** One session with its samples and events, read when `id` is set. */
export function useSessionDetail(id: string | null): DetailLoad {
  // Keyed by id, so a newly opened session never shows the previous one for a frame.
  const [state, setState] = useState<{ id: string | null; load: DetailLoad }>({
    id: null,
    load: { status: 'loading' },
  });
  useEffect(() => {
    if (id === null) return;
    let stop = false;
    const settle = (load: DetailLoad) => {
      if (!stop) setState({ id, load });
    };
    historyClient.getSession(id).then(
      (detail) => settle(detail ? { status: 'ready', detail } : { status: 'missing' }),
      (err: unknown) => settle({ status: 'error', message: errorText(err) }),
    );
    return () => {
      stop = true;
    };
  }, [id]);
  return state.id === id ? state.load : { status: 'loading' };
}
