import { EVIDENCE_FORMAT_VERSION } from '@/utils/evidence/schema';
import { formatBytes, type VerifyOutcome } from '@/utils/evidence/verify';
import { t, tn } from '@/utils/i18n';

export interface VerifyResultProps {
  outcome: VerifyOutcome;
  fileName?: string;
  locale?: string;
}

/** The verdict in the UI language, from the outcome's code and numbers (its `title` is the English one). */
export function verdictText(o: VerifyOutcome, locale?: string): string {
  switch (o.code) {
    case 'too-large':
      return o.bytes === undefined ? o.title : t('verifyTooLarge', formatBytes(o.bytes, locale));
    case 'empty':
      return t('verifyEmpty');
    case 'unreadable':
      return t('verifyUnreadable');
    case 'not-json':
      return t('verifyNotJson');
    case 'not-evidence':
      return t('verifyNotEvidence');
    case 'wrong-version':
      return o.version === undefined
        ? t('verifyNoVersion')
        : t('verifyWrongVersion', o.version, EVIDENCE_FORMAT_VERSION);
    case 'invalid':
      return tn('verifyInvalid', o.invalidCount ?? o.invalidPaths?.length ?? 0);
    case 'chain-count':
      return t('verifyChainCount');
    case 'edited': {
      const first = o.editedRecords?.[0];
      if (first === undefined) return t('verifyHeaderEdited');
      const rest = (o.editedCount ?? o.editedRecords?.length ?? 1) - 1;
      return rest > 0 ? t('verifyEditedMore', first + 1, rest) : t('verifyEdited', first + 1);
    }
    case 'digest-edited':
      return t('verifyDigestEdited');
    case 'digest-differs':
      return t('verifyDigestDiffers');
    case 'ok':
      return o.digestMatched ? t('verifyOkMatched') : t('verifyOk');
  }
}

/**
 * A verdict first, then each precise finding; for an intact file, what it holds. The findings are
 * technical (field paths, parser messages, hashes) and stay in English, which other languages say.
 */
export function VerifyResult({ outcome, fileName, locale }: VerifyResultProps) {
  const sessions = outcome.ok ? (outcome.file?.sessions ?? []) : [];
  const english = !(locale ?? 'en').toLowerCase().startsWith('en');
  return (
    <section
      class={`verdict ${outcome.ok ? 'good' : 'bad'}`}
      aria-live="polite"
      data-testid="verify-result"
      data-code={outcome.code}
    >
      <h2>
        {outcome.ok ? '✓ ' : '✗ '}
        {verdictText(outcome, locale)}
      </h2>
      {fileName && <p class="muted">{t('verifyFile', fileName)}</p>}
      {english && outcome.details.length > 0 && <p class="muted">{t('verifyDetailsEnglish')}</p>}
      <ul lang="en">
        {outcome.details.map((d) => (
          <li key={d}>{d}</li>
        ))}
      </ul>
      {sessions.length > 0 && (
        <table class="data">
          <caption>{t('verifyRecordsCaption')}</caption>
          <thead>
            <tr>
              <th>#</th>
              <th>{t('filterService')}</th>
              <th>{t('colStart')}</th>
              <th>{t('colRole')}</th>
              <th class="num">{t('statStalls')}</th>
            </tr>
          </thead>
          <tbody>
            {sessions.slice(0, 200).map((s, i) => (
              <tr key={s.id}>
                <td class="num">{i + 1}</td>
                <td>{s.serviceName}</td>
                <td>{s.start}</td>
                <td>{s.role === 'subject' ? t('roleSubject') : t('roleComparison')}</td>
                <td class="num">{s.summary.stallCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
