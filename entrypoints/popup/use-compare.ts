import { useEffect, useState } from 'preact/hooks';
import type { CompareLoad } from '@/components/compare-view';
import { COMPARE_DAYS } from '@/utils/analysis/limits';
import { errorText, historyClient } from './popup-data';

/** The cross-service comparison of the last COMPARE_DAYS days, computed by the worker when `on`. */
export function useCompare(on: boolean): CompareLoad {
  const [load, setLoad] = useState<CompareLoad>({ status: 'loading' });
  useEffect(() => {
    if (!on) return;
    let stop = false;
    setLoad({ status: 'loading' });
    historyClient.compareServices(COMPARE_DAYS).then(
      (result) => {
        if (!stop) setLoad({ status: 'ready', result });
      },
      (err: unknown) => {
        if (!stop) setLoad({ status: 'error', message: errorText(err) });
      },
    );
    return () => {
      stop = true;
    };
  }, [on]);
  return load;
}
