import { useState } from 'preact/hooks';
import { t } from '@/utils/i18n';

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
      <h2 id="digest-h">{t('digestHeading')}</h2>
      <p class="digest-value">
        <code data-testid="digest-value">{digest}</code>
        <button type="button" class="no-print" onClick={() => void copy()}>
          {copied === 'done' ? t('copied') : t('copy')}
        </button>
      </p>
      {copied === 'failed' && (
        <p role="alert" class="no-print">
          {t('digestCopyFailed')}
        </p>
      )}
      <p class="muted">{t('digestExplain', files[0] ?? '', files.join(', '))}</p>
    </section>
  );
}
