import { useMemo, useState } from 'preact/hooks';
import { DigestBox } from '@/components/evidence/digest-box';
import { DownloadButton, saveText } from '@/components/evidence/download-button';
import { serializeEvidence } from '@/utils/evidence/build';
import {
  type ComplaintDraft,
  draftComplaint,
  findFillIns,
  MAILTO_SAFE_LENGTH,
  mailtoUrl,
  TEMPLATE_IDS,
  TEMPLATES,
  type TemplateId,
} from '@/utils/evidence/complaint';
import { sessionsCsv, stallsCsv } from '@/utils/evidence/csv';
import type { Prepared } from '../report/source';

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
    if (edited && !window.confirm('Switch template? Your edits to this draft will be lost.')) return;
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
      setNote('Copied subject and text to the clipboard.');
    } catch {
      setNote('The browser did not allow copying; select the text and copy it by hand.');
    }
  };
  const mailto = mailtoUrl(subject, body);
  const letterName = names.complaint(templateId);

  return (
    <>
      <div class="toolbar no-print">
        <label>
          Template{' '}
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
          This data shows no significant stalling or quality loss. A complaint based on it is unlikely to
          succeed; the draft says so honestly.
        </p>
      )}
      {draft.severity === 'minor' && (
        <p class="warning">
          This data shows only minor problems; the draft says so. More evenings of data make a stronger case.
        </p>
      )}
      <section aria-labelledby="send-h">
        <h2 id="send-h">Where to send it</h2>
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
        <p class="muted">
          {draft.kind === 'form'
            ? 'This recipient uses a web form: paste the text there and attach the files below.'
            : 'Send it by email or through the provider’s support form, with the files below attached.'}
        </p>
      </section>
      <section class="letter" aria-labelledby="letter-h">
        <h2 id="letter-h">Your draft</h2>
        <p class="fill-ins" data-testid="fill-ins">
          {left.length === 0 ? (
            'No [… — fill in] markers left.'
          ) : (
            <>
              {left.length} detail{left.length === 1 ? '' : 's'} only you know, still to fill in:{' '}
              {[...new Set(left)].map((m) => (
                <span key={m}>
                  <code>{m}</code>{' '}
                </span>
              ))}
            </>
          )}
        </p>
        <label>
          Subject
          <input
            type="text"
            value={subject}
            data-testid="subject"
            onInput={(e) => setSubject((e.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          Text
          <textarea
            value={body}
            data-testid="body"
            onInput={(e) => setBody((e.target as HTMLTextAreaElement).value)}
          />
        </label>
        <div class="toolbar">
          <button type="button" class="primary" onClick={() => void copy()}>
            Copy to clipboard
          </button>
          <a href={mailto} data-testid="mailto">
            Open in mail app
          </a>
          <button type="button" onClick={() => saveText(letterName, 'text/plain', full)}>
            Download as text
          </button>
          {edited && (
            <button type="button" onClick={() => choose(templateId)}>
              Reset draft
            </button>
          )}
        </div>
        {note && <p role="status">{note}</p>}
        {mailto.length > MAILTO_SAFE_LENGTH && (
          <p class="muted">
            Some mail apps cut long messages opened this way: check the text arrived whole, or copy it
            instead.
          </p>
        )}
      </section>
      <section aria-labelledby="attach-h">
        <h2 id="attach-h">Attachments</h2>
        <p class="muted">
          The letter quotes these exact files and their digest. Download them here (not from another export: a
          new export has a new digest).
        </p>
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
