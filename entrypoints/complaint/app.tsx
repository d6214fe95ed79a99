import { useEffect, useMemo, useState } from 'preact/hooks';
import { selectionLabel } from '@/components/evidence/selection-label';
import { defaultTemplateFor, TEMPLATE_IDS, type TemplateId } from '@/utils/complaint';
import { COMPARISON_MARGIN_MIN } from '@/utils/evidence/load';
import { selectionQuery } from '@/utils/evidence/scope';
import { machineOffsetMin } from '@/utils/evidence/time';
import { type Prepared, prepareEvidence, selectionFromLocation } from '@/utils/evidence-pages/source';
import { t } from '@/utils/i18n';
import { serviceName } from '@/utils/sites';
import { Letter } from './letter';

type State = { step: 'loading' } | { step: 'error'; message: string } | { step: 'ready'; prepared: Prepared };

const isTemplateId = (s: string | null): s is TemplateId => TEMPLATE_IDS.some((t) => t === s);

export function App() {
  const [state, setState] = useState<State>({ step: 'loading' });
  const parsed = useMemo(() => selectionFromLocation(Date.now()), []);
  useEffect(() => {
    if (!parsed.ok) {
      setState({ step: 'error', message: parsed.message });
      return;
    }
    let stop = false;
    prepareEvidence(parsed.selection, { comparisonMarginMin: COMPARISON_MARGIN_MIN })
      .then((prepared) => !stop && setState({ step: 'ready', prepared }))
      .catch(
        (e: unknown) =>
          !stop && setState({ step: 'error', message: e instanceof Error ? e.message : String(e) }),
      );
    return () => {
      stop = true;
    };
  }, [parsed]);
  const selection = parsed.ok ? parsed.selection : null;
  const queryTemplate = new URLSearchParams(location.search).get('template');
  return (
    <main>
      <header>
        <h1>{t('draftAComplaint')}</h1>
        <p class="muted" data-testid="scope">
          {selection
            ? selectionLabel(
                selection,
                machineOffsetMin(Date.now()),
                selection.kind === 'range' && selection.service ? serviceName(selection.service) : undefined,
              )
            : ''}
          {selection && (
            <>
              {' · '}
              <a href={`report.html?${selectionQuery(selection)}`}>{t('complaintReportLink')}</a>
            </>
          )}
        </p>
        <p class="muted">{t('complaintIntro')}</p>
      </header>
      {state.step === 'loading' && <p class="muted">{t('loading')}</p>}
      {state.step === 'error' && (
        <p role="alert" class="error">
          {state.message}
        </p>
      )}
      {state.step === 'ready' &&
        (state.prepared.file.sessions.some((s) => s.role === 'subject') ? (
          <Letter
            prepared={state.prepared}
            initial={
              isTemplateId(queryTemplate)
                ? queryTemplate
                : defaultTemplateFor(state.prepared.settings.country)
            }
          />
        ) : (
          <p data-testid="empty">{t('complaintEmpty')}</p>
        ))}
    </main>
  );
}
