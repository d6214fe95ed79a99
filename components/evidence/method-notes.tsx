import { Fragment } from 'preact';
import { CONFOUNDERS_DE } from '@/utils/complaint/text-de';
import { CONFOUNDERS_EN } from '@/utils/complaint/text-en';
import type { EvidenceFile } from '@/utils/evidence/schema';
import { t } from '@/utils/i18n';

export interface MethodNotesProps {
  file: EvidenceFile;
  locale?: string;
}

/** How the numbers were made and what they cannot show: printed with every report. */
export function MethodNotes({ file, locale }: MethodNotesProps) {
  // The note texts are the complaint letters' own (English and German exist); other languages read English.
  const noteText = locale?.toLowerCase().startsWith('de') ? CONFOUNDERS_DE : CONFOUNDERS_EN;
  const f = file.scoreFormulas;
  const codes = [...new Set(file.sessions.flatMap((s) => s.confounders.map((c) => c.code)))];
  return (
    <section aria-labelledby="method-h" class="method">
      <h2 id="method-h">{t('methodHeading')}</h2>
      <ul>
        <li>
          {t(
            'methodRecorded',
            file.generator.extensionVersion,
            file.generator.browser,
            file.generator.browserVersion,
            file.generator.os,
            file.generator.timeZone || t('tzUnknown'),
          )}
        </li>
        <li>{t('methodStall')}</li>
        <li>{t('methodBitrate')}</li>
        <li>{t('methodStated')}</li>
        <li>
          {t('methodScores', String(f.version))}
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
          <h3>{t('methodNotesHeading')}</h3>
          <dl class="stats">
            {codes.map((c) => (
              <Fragment key={c}>
                <dt>
                  <code>{c}</code>
                </dt>
                <dd>{noteText[c]}</dd>
              </Fragment>
            ))}
          </dl>
        </>
      )}
    </section>
  );
}
