import { useState } from 'preact/hooks';

export interface DigestBoxProps {
  digest: string;
  /** File names the digest belongs to (the .json carries the chain; the CSVs are views of it). */
  files: string[];
}

/** The number to quote: shown whole (never shortened) so it can be compared character by character. */
export function DigestBox({ digest, files }: DigestBoxProps) {
  const [copied, setCopied] = useState<'idle' | 'done' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(digest);
      setCopied('done');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <section class="digest" aria-labelledby="digest-h" data-testid="digest">
      <h2 id="digest-h">Evidence digest (SHA-256)</h2>
      <p class="digest-value">
        <code data-testid="digest-value">{digest}</code>
        <button type="button" class="no-print" onClick={() => void copy()}>
          {copied === 'done' ? 'Copied' : 'Copy'}
        </button>
      </p>
      {copied === 'failed' && (
        <p role="alert" class="no-print">
          The browser did not allow copying; select the digest and copy it by hand.
        </p>
      )}
      <p class="muted">
        The final hash of a SHA-256 chain over every record in <code>{files[0]}</code>. Quote it in your
        complaint: anyone can recompute it from the file, and any edit to the file changes it. Files:{' '}
        {files.join(', ')}.
      </p>
    </section>
  );
}
