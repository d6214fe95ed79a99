/** What an evidence page covers, in the UI language (utils/evidence/scope.ts describeSelection is the English). */
import type { Selection } from '@/utils/evidence/scope';
import { localDay } from '@/utils/evidence/time';
import { t } from '@/utils/i18n';

export function selectionLabel(sel: Selection, offsetMin: number, serviceLabel?: string): string {
  if (sel.kind === 'sessions')
    return sel.ids.length === 1 ? t('selectionOne') : t('selectionMany', sel.ids.length);
  const who = serviceLabel ?? t('scopeAllServices');
  if (sel.from === null && sel.to === null) return t('scopeEverything', who);
  const from = sel.from === null ? t('selectionStart') : localDay(sel.from, offsetMin);
  // `to` is exclusive: the last day shown is the one before it.
  const to = sel.to === null ? t('selectionNow') : localDay(sel.to - 1, offsetMin);
  return `${who}, ${from} – ${to}`;
}
