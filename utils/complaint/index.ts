/**
 * A complaint draft from a sealed evidence file: the facts come from the file that is attached, so
 * the letter, the attachment and the digest always agree. The user edits the text before sending.
 */
import type { EvidenceNames } from '../evidence/names';
import type { EvidenceFile } from '../evidence/schema';
import { type ComplaintFacts, complaintFacts, type Severity } from './facts';
import { type Channel, TEMPLATES, type TemplateId } from './template-registry';
import { findFillIns } from './words';

export { MAX_LISTED_SESSIONS, type Severity } from './facts';
export {
  type ComplaintTemplate,
  defaultTemplateFor,
  TEMPLATE_IDS,
  TEMPLATES,
  type TemplateId,
} from './template-registry';
export { FILL_IN_PATTERN, fillIn, findFillIns } from './words';

export interface ComplaintDraft {
  templateId: TemplateId;
  subject: string;
  body: string;
  channels: Channel[];
  kind: 'email' | 'form';
  /** The fill-in markers left in subject and body, in order. */
  fillIns: string[];
  severity: Severity;
  facts: ComplaintFacts;
}

export function draftComplaint(
  file: EvidenceFile,
  names: EvidenceNames,
  templateId: TemplateId,
): ComplaintDraft {
  const template = TEMPLATES[templateId];
  const facts = complaintFacts(file, names);
  const { subject, body } = template.draft(facts);
  return {
    templateId,
    subject,
    body,
    channels: template.channels(facts),
    kind: template.kind,
    fillIns: findFillIns(`${subject}\n${body}`),
    severity: facts.severity,
    facts,
  };
}

/** Mail clients cut long mailto: URLs (some near 2,000 characters): the page says so above this. */
export const MAILTO_SAFE_LENGTH = 1800;

/** RFC 6068: percent-encoded, CRLF line breaks in the body. */
export function mailtoUrl(subject: string, body: string, to = ''): string {
  const crlf = body.replace(/\r?\n/g, '\r\n');
  return `mailto:${encodeURIComponent(to)}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(crlf)}`;
}
