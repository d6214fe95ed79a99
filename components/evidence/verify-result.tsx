import type { VerifyOutcome } from '@/utils/evidence/verify';

export interface VerifyResultProps {
  outcome: VerifyOutcome;
  fileName?: string;
}

/** A verdict first, then each precise finding; for an intact file, what it holds. */
export function VerifyResult({ outcome, fileName }: VerifyResultProps) {
  const sessions = outcome.ok ? (outcome.file?.sessions ?? []) : [];
  return (
    <section
      class={`verdict ${outcome.ok ? 'good' : 'bad'}`}
      aria-live="polite"
      data-testid="verify-result"
      data-code={outcome.code}
    >
      <h2>
        {outcome.ok ? '✓ ' : '✗ '}
        {outcome.title}
      </h2>
      {fileName && <p class="muted">File: {fileName}</p>}
      <ul>
        {outcome.details.map((d) => (
          <li key={d}>{d}</li>
        ))}
      </ul>
      {sessions.length > 0 && (
        <table class="data">
          <caption>Records in this file</caption>
          <thead>
            <tr>
              <th>#</th>
              <th>Service</th>
              <th>Start</th>
              <th>Role</th>
              <th class="num">Stalls</th>
            </tr>
          </thead>
          <tbody>
            {sessions.slice(0, 200).map((s, i) => (
              <tr key={s.id}>
                <td class="num">{i + 1}</td>
                <td>{s.serviceName}</td>
                <td>{s.start}</td>
                <td>{s.role}</td>
                <td class="num">{s.summary.stallCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
