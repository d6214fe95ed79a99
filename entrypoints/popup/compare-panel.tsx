/**
 * The Compare tab, loaded only when it is opened: its view and stylesheet stay out of the popup's first
 * render (docs/benchmarks.md), and the worker computes the comparison only then.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { CompareLoad } from '@/components/compare-view';
import { COMPARE_DAYS } from '@/utils/analysis/limits';
import { t } from '@/utils/i18n';
import { errorText } from './popup-data';

type View = ComponentType<{ load: CompareLoad; locale?: string; days?: number }>;

export function ComparePanel({ load, locale }: { load: CompareLoad; locale: string }) {
  const [view, setView] = useState<{ View: View } | { error: string } | null>(null);
  useEffect(() => {
    let stop = false;
    import('@/components/compare-view').then(
      (m) => !stop && setView({ View: m.CompareView }),
      (err: unknown) => !stop && setView({ error: errorText(err) }),
    );
    return () => {
      stop = true;
    };
  }, []);
  if (view === null) {
    return (
      <p class="muted" role="status" data-testid="compare-loading">
        {t('cmpLoading')}
      </p>
    );
  }
  if ('error' in view) {
    return (
      <p class="note bad" role="alert" data-testid="compare-error">
        {t('cmpError', view.error)}
      </p>
    );
  }
  return <view.View load={load} locale={locale} days={COMPARE_DAYS} />;
}
