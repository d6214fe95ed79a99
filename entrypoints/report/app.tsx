import { useEffect, useMemo, useState } from 'preact/hooks';
import { ComparisonSection } from '@/components/compare-view';
import { BarChart } from '@/components/evidence/bar-chart';
import { BitrateChart } from '@/components/evidence/bitrate-chart';
import { DigestBox } from '@/components/evidence/digest-box';
import { DownloadButton } from '@/components/evidence/download-button';
import { MethodNotes } from '@/components/evidence/method-notes';
import { selectionLabel } from '@/components/evidence/selection-label';
import { SessionsTable } from '@/components/evidence/sessions-table';
import { StallsTable } from '@/components/evidence/stalls-table';
import { SummaryView } from '@/components/evidence/summary-view';
import { serializeEvidence } from '@/utils/evidence/build';
import { sessionsCsv, stallsCsv } from '@/utils/evidence/csv';
import { COMPARISON_MARGIN_MIN } from '@/utils/evidence/load';
import { type Selection, selectionQuery } from '@/utils/evidence/scope';
import { machineOffsetMin } from '@/utils/evidence/time';
import { totalsByDay, totalsByService, totalsOf } from '@/utils/evidence/totals';
import { formatBytes, MAX_EVIDENCE_BYTES } from '@/utils/evidence/verify';
import { type Prepared, prepareEvidence, selectionFromLocation } from '@/utils/evidence-pages/source';
import { t, tn, uiLocale } from '@/utils/i18n';
import { formatDuration, formatKbps } from '@/utils/metrics/format';
import { SERVICES } from '@/utils/schema/playback';
import { serviceName } from '@/utils/sites';

type State =
  | { step: 'loading'; done: number; total: number }
  | { step: 'error'; message: string }
  | { step: 'ready'; prepared: Prepared };

/** Most sessions drawn one by one; the rest are in the tables and files. */
const MAX_SESSION_CHARTS = 12;

function ScopeForm({ selection }: { selection: Selection }) {
  const offset = machineOffsetMin(Date.now());
  const day = (t: number | null) =>
    t === null ? '' : new Date(t + offset * 60_000).toISOString().slice(0, 10);
  const range = selection.kind === 'range' ? selection : null;
  return (
    <form class="toolbar no-print" method="get" action="report.html" aria-label={t('scopeFormLabel')}>
      <label>
        {t('filterFrom')} <input type="date" name="from" value={day(range?.from ?? null)} />
      </label>
      <label>
        {t('filterTo')}{' '}
        <input type="date" name="to" value={day(range?.to === null || !range ? null : range.to - 1)} />
      </label>
      <label>
        {t('filterService')}{' '}
        <select name="service" value={range?.service ?? ''}>
          <option value="">{t('scopeAllServices')}</option>
          {SERVICES.map((s) => (
            <option key={s} value={s}>
              {serviceName(s)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">{t('show')}</button>
      <a href="report.html?all=1">{t('everything')}</a>
    </form>
  );
}

function Paper() {
  const [size, setSize] = useState('auto');
  return (
    <label class="no-print">
      {t('paper')}{' '}
      <select value={size} onChange={(e) => setSize((e.target as HTMLSelectElement).value)}>
        <option value="auto">{t('paperDefault')}</option>
        <option value="A4">A4</option>
        <option value="letter">{t('paperLetter')}</option>
      </select>
      {/* Only the page size changes; the layout fits both. */}
      <style>{`@page { size: ${size}; }`}</style>
    </label>
  );
}

function Report({
  prepared,
  selection,
  locale,
}: {
  prepared: Prepared;
  selection: Selection;
  locale: string;
}) {
  const { file, names, missing, truncated } = prepared;
  const subjects = useMemo(() => file.sessions.filter((s) => s.role === 'subject'), [file]);
  const totals = useMemo(() => totalsOf(subjects), [subjects]);
  const byService = useMemo(() => totalsByService(file.sessions), [file]);
  const comparisons = useMemo(() => {
    const chosen = new Set(subjects.map((s) => s.service));
    return new Set(file.sessions.filter((s) => !chosen.has(s.service)).map((s) => s.service));
  }, [file, subjects]);
  const days = useMemo(() => totalsByDay(subjects), [subjects]);
  const json = useMemo(() => serializeEvidence(file), [file]);
  const charted = [...subjects]
    .sort((a, b) => b.summary.stallMs - a.summary.stallMs)
    .slice(0, MAX_SESSION_CHARTS);
  const chartMax = Math.max(0, ...charted.map((s) => s.summary.meanBitrateKbps ?? 0));
  const complaintHref = `complaint.html?${selectionQuery(selection)}`;
  return (
    <>
      <div class="toolbar no-print">
        <DownloadButton name={names.json} mime="application/json" content={() => json}>
          {t('downloadJson')}
        </DownloadButton>
        <DownloadButton name={names.sessionsCsv} mime="text/csv" content={() => sessionsCsv(file)}>
          {t('sessionsCsv')}
        </DownloadButton>
        <DownloadButton name={names.stallsCsv} mime="text/csv" content={() => stallsCsv(file)}>
          {t('stallsCsv')}
        </DownloadButton>
        <button type="button" onClick={() => window.print()}>
          {t('printPdf')}
        </button>
        <Paper />
        <a href={complaintHref}>{t('draftAComplaint')}</a>
        <a href="verify.html">{t('verifyAFile')}</a>
      </div>
      {missing.length > 0 && <p role="alert">{tn('reportMissing', missing.length, missing.join(', '))}</p>}
      {truncated && <p role="alert">{t('reportTruncated')}</p>}
      {json.length > MAX_EVIDENCE_BYTES && (
        <p role="alert">
          {t('reportTooBig', formatBytes(json.length, locale), formatBytes(MAX_EVIDENCE_BYTES, locale))}
        </p>
      )}
      {subjects.length === 0 ? (
        <p data-testid="empty">{t('reportEmpty')}</p>
      ) : (
        <>
          <SummaryView
            totals={totals}
            byService={byService}
            comparisons={comparisons}
            subscriber={file.subscriber}
            locale={locale}
          />
          <DigestBox digest={file.chain.digest} files={names.all} />
          {file.differentiation && (
            <ComparisonSection summary={file.differentiation} locale={locale}>
              <p class="muted">
                {t('cmpReportIntro', file.scope.comparisonMarginMin ?? COMPARISON_MARGIN_MIN)}{' '}
                {t('cmpSameHours')}
              </p>
            </ComparisonSection>
          )}
          <section aria-labelledby="charts-h">
            <h2 id="charts-h">{t('chartsHeading')}</h2>
            <div class="charts">
              {days.length > 1 && (
                <>
                  <BarChart
                    title={t('chartStallPerDay')}
                    tone="bad"
                    bars={days.map((d) => ({
                      label: d.day,
                      value: d.totals.stallMs,
                      text: formatDuration(d.totals.stallMs, locale),
                    }))}
                  />
                  <BarChart
                    title={t('chartBitratePerDay')}
                    bars={days.map((d) => ({
                      label: d.day,
                      value: d.totals.meanBitrateKbps ?? 0,
                      text: formatKbps(d.totals.meanBitrateKbps, locale),
                    }))}
                  />
                </>
              )}
              <p class="muted">
                {t('chartsLegend')}
                {/* "Most stalling" only when something stalled; otherwise the sort kept the earliest. */}
                {subjects.length > charted.length &&
                  ` ${t(totals.stallCount > 0 ? 'chartsMostStalling' : 'chartsFirstSessions', charted.length)}`}
              </p>
              {charted.map((s) => (
                <BitrateChart key={s.id} session={s} maxKbps={chartMax} locale={locale} />
              ))}
            </div>
          </section>
          <div class="page-break" />
          <SessionsTable sessions={file.sessions} hashes={file.chain.recordHashes} locale={locale} />
          <StallsTable sessions={subjects} locale={locale} />
        </>
      )}
      <MethodNotes file={file} locale={locale} />
    </>
  );
}

export function App() {
  const [state, setState] = useState<State>({ step: 'loading', done: 0, total: 0 });
  const parsed = useMemo(() => selectionFromLocation(Date.now()), []);
  const locale = useMemo(uiLocale, []);
  useEffect(() => {
    if (!parsed.ok) {
      setState({ step: 'error', message: parsed.message });
      return;
    }
    let stop = false;
    prepareEvidence(parsed.selection, {
      comparisonMarginMin: COMPARISON_MARGIN_MIN,
      onProgress: (done, total) => !stop && setState({ step: 'loading', done, total }),
    })
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
  const heading = selection
    ? selectionLabel(
        selection,
        machineOffsetMin(Date.now()),
        selection.kind === 'range' && selection.service ? serviceName(selection.service) : undefined,
      )
    : t('reportFallbackHeading');
  return (
    <main>
      <header>
        <h1>{t('reportTitle')}</h1>
        <p class="muted" data-testid="scope">
          {heading}
          {state.step === 'ready' && ` · ${t('reportGenerated', state.prepared.file.generatedAt)}`}
        </p>
      </header>
      {selection && <ScopeForm selection={selection} />}
      {state.step === 'loading' && (
        <p class="muted" data-testid="loading">
          {state.total > 0 ? t('reportLoadingProgress', state.done, state.total) : t('loading')}
        </p>
      )}
      {state.step === 'error' && (
        <p role="alert" class="error" data-testid="error">
          {state.message}
        </p>
      )}
      {state.step === 'ready' && selection && (
        <Report prepared={state.prepared} selection={selection} locale={locale} />
      )}
    </main>
  );
}
