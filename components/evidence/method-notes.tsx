import { Fragment } from 'preact';
import { CONFOUNDERS_EN } from '@/utils/evidence/complaint/en';
import type { EvidenceFile } from '@/utils/evidence/schema';

export interface MethodNotesProps {
  file: EvidenceFile;
}

/** How the numbers were made and what they cannot show: printed with every report. */
export function MethodNotes({ file }: MethodNotesProps) {
  const f = file.scoreFormulas;
  const codes = [...new Set(file.sessions.flatMap((s) => s.confounders.map((c) => c.code)))];
  return (
    <section aria-labelledby="method-h" class="method">
      <h2 id="method-h">How these figures were made</h2>
      <ul>
        <li>
          Recorded locally by StreamWitness {file.generator.extensionVersion} in {file.generator.browser}{' '}
          {file.generator.browserVersion} on {file.generator.os} (time zone{' '}
          {file.generator.timeZone || 'unknown'}). Nothing was sent anywhere.
        </li>
        <li>
          A stall is playback stopped while playing was intended (≥ 1 s without progress, or wall time running
          &gt; 250 ms ahead of media time); stalls caused by seeking are not counted.
        </li>
        <li>
          Bitrate is the video's encoded bitrate around the playhead; throughput is how fast video segments
          downloaded. Neither is a line speed test.
        </li>
        <li>ISP, plan and country are as the user stated them, not measured.</li>
        <li>
          Scores run from 0 to 100 (formula version {f.version}):
          <ul>
            <li>startup = {f.startup}</li>
            <li>smoothness = {f.smoothness}</li>
            <li>picture = {f.picture}</li>
            <li>overall = {f.overall}</li>
          </ul>
        </li>
      </ul>
      {codes.length > 0 && (
        <>
          <h3>Notes that apply to some sessions</h3>
          <dl class="stats">
            {codes.map((c) => (
              <Fragment key={c}>
                <dt>
                  <code>{c}</code>
                </dt>
                <dd>{CONFOUNDERS_EN[c]}</dd>
              </Fragment>
            ))}
          </dl>
        </>
      )}
    </section>
  );
}
