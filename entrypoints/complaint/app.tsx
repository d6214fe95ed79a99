import { useEffect, useMemo, useState } from 'preact/hooks';
import { defaultTemplateFor, TEMPLATE_IDS, type TemplateId } from '@/utils/evidence/complaint';
import { COMPARISON_MARGIN_MIN } from '@/utils/evidence/load';
import { describeSelection, selectionQuery } from '@/utils/evidence/scope';
import { machineOffsetMin } from '@/utils/evidence/time';
import { serviceName } from '@/utils/sites';
import { type Prepared, prepareEvidence, selectionFromLocation } from '../report/source';
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
        <h1>Draft a complaint</h1>
        <p class="muted" data-testid="scope">
          {selection
            ? describeSelection(
                selection,
                machineOffsetMin(Date.now()),
                selection.kind === 'range' && selection.service ? serviceName(selection.service) : undefined,
              )
            : ''}
          {selection && (
            <>
              {' · '}
              <a href={`report.html?${selectionQuery(selection)}`}>report for the same data</a>
            </>
          )}
        </p>
        <p class="muted">
          Filled from your recorded data. It states what was measured and what it suggests, names what else
          could explain it, and leaves details only you know marked <code>[… — fill in]</code>. Read and edit
          it before sending.
        </p>
      </header>
      {state.step === 'loading' && <p class="muted">Loading…</p>}
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
          <p data-testid="empty">
            No sessions were recorded in this selection, so there is nothing to complain about yet.
          </p>
        ))}
    </main>
  );
}
