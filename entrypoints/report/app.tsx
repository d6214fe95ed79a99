import { useEffect, useMemo, useState } from 'preact/hooks';
import { BarChart } from '@/components/evidence/bar-chart';
import { BitrateChart } from '@/components/evidence/bitrate-chart';
import { DigestBox } from '@/components/evidence/digest-box';
import { DownloadButton } from '@/components/evidence/download-button';
import { MethodNotes } from '@/components/evidence/method-notes';
import { SessionsTable } from '@/components/evidence/sessions-table';
import { StallsTable } from '@/components/evidence/stalls-table';
import { SummaryView } from '@/components/evidence/summary-view';
import { serializeEvidence } from '@/utils/evidence/build';
import { sessionsCsv, stallsCsv } from '@/utils/evidence/csv';
import { describeSelection, type Selection, selectionQuery } from '@/utils/evidence/scope';
import { machineOffsetMin } from '@/utils/evidence/time';
import { totalsByDay, totalsByService, totalsOf } from '@/utils/evidence/totals';
import { formatBytes, MAX_EVIDENCE_BYTES } from '@/utils/evidence/verify';
import { formatDuration, formatKbps } from '@/utils/metrics/format';
import { SERVICES } from '@/utils/schema/playback';
import { serviceName } from '@/utils/sites';
import { type Prepared, prepareEvidence, selectionFromLocation } from './source';

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
    <form class="toolbar no-print" method="get" action="report.html" aria-label="What to include">
      <label>
        From <input type="date" name="from" value={day(range?.from ?? null)} />
      </label>
      <label>
        To <input type="date" name="to" value={day(range?.to === null || !range ? null : range.to - 1)} />
      </label>
      <label>
        Service{' '}
        <select name="service" value={range?.service ?? ''}>
          <option value="">All services</option>
          {SERVICES.map((s) => (
            <option key={s} value={s}>
              {serviceName(s)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">Show</button>
      <a href="report.html?all=1">Everything</a>
    </form>
  );
}

function Paper() {
  const [size, setSize] = useState('auto');
  return (
    <label class="no-print">
      Paper{' '}
      <select value={size} onChange={(e) => setSize((e.target as HTMLSelectElement).value)}>
        <option value="auto">Printer default</option>
        <option value="A4">A4</option>
        <option value="letter">Letter</option>
      </select>
      {/* Only the page size changes; the layout fits both. */}
      <style>{`@page { size: ${size}; }`}</style>
    </label>
  );
}

function Report({ prepared, selection }: { prepared: Prepared; selection: Selection }) {
  const { file, names, missing, truncated } = prepared;
  const subjects = useMemo(() => file.sessions.filter((s) => s.role === 'subject'), [file]);
  const totals = useMemo(() => totalsOf(subjects), [subjects]);
  const byService = useMemo(() => totalsByService(file.sessions), [file]);
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
          Download JSON
        </DownloadButton>
        <DownloadButton name={names.sessionsCsv} mime="text/csv" content={() => sessionsCsv(file)}>
          Sessions CSV
        </DownloadButton>
        <DownloadButton name={names.stallsCsv} mime="text/csv" content={() => stallsCsv(file)}>
          Stalls CSV
        </DownloadButton>
        <button type="button" onClick={() => window.print()}>
          Print / PDF
        </button>
        <Paper />
        <a href={complaintHref}>Draft a complaint</a>
        <a href="verify.html">Verify a file</a>
      </div>
      {missing.length > 0 && (
        <p role="alert">
          {missing.length} requested session{missing.length === 1 ? ' is' : 's are'} no longer stored:{' '}
          {missing.join(', ')}.
        </p>
      )}
      {truncated && (
        <p role="alert">
          This range holds more sessions than one export takes; only the newest are included.
        </p>
      )}
      {json.length > MAX_EVIDENCE_BYTES && (
        <p role="alert">
          This export is {formatBytes(json.length)}, more than the Verify page checks (
          {formatBytes(MAX_EVIDENCE_BYTES)}). Export a shorter date range if you want to check the file here.
        </p>
      )}
      {subjects.length === 0 ? (
        <p data-testid="empty">No sessions were recorded in this selection.</p>
      ) : (
        <>
          <SummaryView totals={totals} byService={byService} subscriber={file.subscriber} />
          <DigestBox digest={file.chain.digest} files={names.all} />
          <section aria-labelledby="charts-h">
            <h2 id="charts-h">Charts</h2>
            <div class="charts">
              {days.length > 1 && (
                <>
                  <BarChart
                    title="Stall time per day"
                    tone="bad"
                    bars={days.map((d) => ({
                      label: d.day,
                      value: d.totals.stallMs,
                      text: formatDuration(d.totals.stallMs),
                    }))}
                  />
                  <BarChart
                    title="Mean video bitrate per day"
                    bars={days.map((d) => ({
                      label: d.day,
                      value: d.totals.meanBitrateKbps ?? 0,
                      text: formatKbps(d.totals.meanBitrateKbps),
                    }))}
                  />
                </>
              )}
              <p class="muted">
                Per session: bitrate (blue line), stalls (red bands), and below, time at ≥ 720p (green) or
                lower (amber).
                {subjects.length > charted.length &&
                  ` The ${charted.length} sessions with the most stalling are drawn.`}
              </p>
              {charted.map((s) => (
                <BitrateChart key={s.id} session={s} maxKbps={chartMax} />
              ))}
            </div>
          </section>
          <div class="page-break" />
          <SessionsTable sessions={file.sessions} hashes={file.chain.recordHashes} />
          <StallsTable sessions={subjects} />
        </>
      )}
      <MethodNotes file={file} />
    </>
  );
}

export function App() {
  const [state, setState] = useState<State>({ step: 'loading', done: 0, total: 0 });
  const parsed = useMemo(() => selectionFromLocation(Date.now()), []);
  useEffect(() => {
    if (!parsed.ok) {
      setState({ step: 'error', message: parsed.message });
      return;
    }
    let stop = false;
    prepareEvidence(parsed.selection, {
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
    ? describeSelection(
        selection,
        machineOffsetMin(Date.now()),
        selection.kind === 'range' && selection.service ? serviceName(selection.service) : undefined,
      )
    : 'Report';
  return (
    <main>
      <header>
        <h1>StreamWitness evidence report</h1>
        <p class="muted" data-testid="scope">
          {heading}
          {state.step === 'ready' && ` · generated ${state.prepared.file.generatedAt}`}
        </p>
      </header>
      {selection && <ScopeForm selection={selection} />}
      {state.step === 'loading' && (
        <p class="muted" data-testid="loading">
          Loading{state.total > 0 ? ` ${state.done} / ${state.total} sessions` : ''}…
        </p>
      )}
      {state.step === 'error' && (
        <p role="alert" class="error" data-testid="error">
          {state.message}
        </p>
      )}
      {state.step === 'ready' && selection && <Report prepared={state.prepared} selection={selection} />}
    </main>
  );
}
