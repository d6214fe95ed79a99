import { useMemo, useState } from 'preact/hooks';
import { DigestBox } from '@/components/evidence/digest-box';
import { DownloadButton, saveText } from '@/components/evidence/download-button';
import {
  type ComplaintDraft,
  draftComplaint,
  findFillIns,
  MAILTO_SAFE_LENGTH,
  mailtoUrl,
  TEMPLATE_IDS,
  TEMPLATES,
  type TemplateId,
} from '@/utils/complaint';
import { fillIn } from '@/utils/complaint/words';
import { serializeEvidence } from '@/utils/evidence/build';
import { sessionsCsv, stallsCsv } from '@/utils/evidence/csv';
import type { Prepared } from '@/utils/evidence-pages/source';
import { t, tn } from '@/utils/i18n';

/** The editable draft: template choice, subject and text, send actions, and this export's attachments. */
export function Letter({ prepared, initial }: { prepared: Prepared; initial: TemplateId }) {
  const { file, names } = prepared;
  const [templateId, setTemplateId] = useState<TemplateId>(initial);
  const draft: ComplaintDraft = useMemo(
    () => draftComplaint(file, names, templateId),
    [file, names, templateId],
  );
  const [subject, setSubject] = useState(draft.subject);
  const [body, setBody] = useState(draft.body);
  const [note, setNote] = useState('');
  const edited = subject !== draft.subject || body !== draft.body;
  const left = findFillIns(`${subject}\n${body}`);

  const choose = (id: TemplateId) => {
    if (edited && !window.confirm(t('switchTemplateConfirm'))) return;
    const next = draftComplaint(file, names, id);
    setTemplateId(id);
    setSubject(next.subject);
    setBody(next.body);
    setNote('');
  };
  const full = `${subject}\n\n${body}\n`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(full);
      setNote(t('copiedDraft'));
    } catch {
      setNote(t('copyDraftFailed'));
    }
  };
  const mailto = mailtoUrl(subject, body);
  const letterName = names.complaint(templateId);

  return (
    <>
      <div class="toolbar no-print">
        <label>
          {t('template')}{' '}
          <select
            value={templateId}
            data-testid="template"
            onChange={(e) => choose((e.target as HTMLSelectElement).value as TemplateId)}
          >
            {TEMPLATE_IDS.map((id) => (
              <option key={id} value={id}>
                {TEMPLATES[id].label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {draft.severity === 'none' && (
        <p role="alert" data-testid="no-problem">
          {t('noProblem')}
        </p>
      )}
      {draft.severity === 'minor' && <p class="warning">{t('minorProblem')}</p>}
      <p class="muted" data-testid="letter-roles">
        {t('complaintSubjects', draft.facts.subjectServices.map((s) => s.serviceName).join(', '))}
        {draft.facts.comparison.length > 0 &&
          ` ${t(
            'complaintComparisons',
            draft.facts.comparisonMarginMin,
            draft.facts.comparison.map((s) => s.serviceName).join(', '),
          )}`}
      </p>
      <section aria-labelledby="send-h">
        <h2 id="send-h">{t('whereToSend')}</h2>
        <ul>
          {draft.channels.map((c) => (
            <li key={c.label}>
              {c.url ? (
                <a href={c.url} target="_blank" rel="noopener noreferrer">
                  {c.label}
                </a>
              ) : (
                c.label
              )}
            </li>
          ))}
        </ul>
        <p class="muted">{draft.kind === 'form' ? t('sendForm') : t('sendEmail')}</p>
      </section>
      <section class="letter" aria-labelledby="letter-h">
        <h2 id="letter-h">{t('yourDraft')}</h2>
        <p class="fill-ins" data-testid="fill-ins">
          {left.length === 0 ? (
            t('fillInsNone', fillIn(TEMPLATES[templateId].lang, '…'))
          ) : (
            <>
              {tn('fillInsLeft', left.length)}{' '}
              {[...new Set(left)].map((m) => (
                <span key={m}>
                  <code>{m}</code>{' '}
                </span>
              ))}
            </>
          )}
        </p>
        <label>
          {t('subject')}
          <input
            type="text"
            value={subject}
            data-testid="subject"
            onInput={(e) => setSubject((e.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          {t('text')}
          <textarea
            value={body}
            data-testid="body"
            onInput={(e) => setBody((e.target as HTMLTextAreaElement).value)}
          />
        </label>
        <div class="toolbar">
          <button type="button" class="primary" onClick={() => void copy()}>
            {t('copyToClipboard')}
          </button>
          <a href={mailto} data-testid="mailto">
            {t('openInMail')}
          </a>
          <button type="button" onClick={() => saveText(letterName, 'text/plain', full)}>
            {t('downloadText')}
          </button>
          {edited && (
            <button type="button" onClick={() => choose(templateId)}>
              {t('resetDraft')}
            </button>
          )}
        </div>
        {note && <p role="status">{note}</p>}
        {mailto.length > MAILTO_SAFE_LENGTH && <p class="muted">{t('mailtoLong')}</p>}
      </section>
      <section aria-labelledby="attach-h">
        <h2 id="attach-h">{t('attachments')}</h2>
        <p class="muted">{t('attachmentsNote')}</p>
        <div class="toolbar">
          <DownloadButton name={names.json} mime="application/json" content={() => serializeEvidence(file)}>
            {names.json}
          </DownloadButton>
          <DownloadButton name={names.sessionsCsv} mime="text/csv" content={() => sessionsCsv(file)}>
            {names.sessionsCsv}
          </DownloadButton>
          <DownloadButton name={names.stallsCsv} mime="text/csv" content={() => stallsCsv(file)}>
            {names.stallsCsv}
          </DownloadButton>
        </div>
      </section>
      <DigestBox digest={file.chain.digest} files={names.all} />
    </>
  );
}
