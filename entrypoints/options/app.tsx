/**
 * The settings page: statements about the user's line, retention, the badge, the sites the user turned
 * on (straight from the browser's granted permissions), and deleting the history. State and reads live
 * here; the components render only.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { DeleteConfirm, DeleteStatus } from '@/components/delete-confirm';
import { type FormErrors, OptionsForm } from '@/components/options-form';
import { SettingsProblems } from '@/components/settings-problems';
import { WatchedSites } from '@/components/watched-sites';
import { defaultTemplateFor, TEMPLATES } from '@/utils/complaint/template-registry';
import { t, uiLocale } from '@/utils/i18n';
import { createHistoryClient } from '@/utils/messaging/history-client';
import {
  fromForm,
  readSettings,
  type SettingsForm,
  type SettingsProblem,
  saveSettings,
  toForm,
} from '@/utils/settings/store';
import { watchedSites } from '@/utils/sites/watch';

const errorText = (err: unknown): string =>
  err instanceof Error ? err.message || err.name : String(err ?? t('unknownError'));

export function App() {
  const locale = useMemo(uiLocale, []);
  // null until the stored settings are read, so nothing typed before then is overwritten.
  const [form, setForm] = useState<SettingsForm | null>(null);
  const [errors, setErrors] = useState<FormErrors>({});
  const [problems, setProblems] = useState<SettingsProblem[]>([]);
  const [status, setStatus] = useState<string | null>(null);
  const [sites, setSites] = useState<string[]>([]);
  const [siteError, setSiteError] = useState<string | null>(null);
  const [deleted, setDeleted] = useState<string | null>(null);

  useEffect(() => {
    void readSettings().then((l) => {
      setForm(toForm(l.settings, locale));
      setProblems(l.problems);
    });
    const refresh = () =>
      void browser.permissions.getAll().then(
        (p) => setSites(watchedSites(p.origins ?? [], browser.runtime.getManifest().host_permissions ?? [])),
        (e: unknown) => setSiteError(errorText(e)),
      );
    refresh();
    browser.permissions.onAdded.addListener(refresh);
    browser.permissions.onRemoved.addListener(refresh);
    return () => {
      browser.permissions.onAdded.removeListener(refresh);
      browser.permissions.onRemoved.removeListener(refresh);
    };
  }, [locale]);

  const save = () => {
    if (!form) return;
    const r = fromForm(form);
    if (!r.ok) {
      setErrors(r.errors);
      setStatus(t('optNotSavedFields'));
      return;
    }
    setErrors({});
    saveSettings(r.settings).then(
      () => {
        setForm(toForm(r.settings, locale));
        setProblems([]);
        setStatus(t('optSaved'));
      },
      (e: unknown) => setStatus(t('optNotSaved', errorText(e))),
    );
  };
  const remove = (pattern: string) => {
    setSiteError(null);
    browser.permissions.remove({ origins: [pattern] }).then(
      (ok) => !ok && setSiteError(t('stopRefused')),
      (e: unknown) => setSiteError(errorText(e)),
    );
  };
  const deleteAll = async () => {
    // Through the worker, which owns the store; the client also forgets the popup's copy of the list.
    await createHistoryClient().deleteAll();
    setDeleted(t('optDeleted'));
  };
  const template = TEMPLATES[defaultTemplateFor(form?.country.trim() ?? null)];

  return (
    <main>
      <h1>{t('optTitle')}</h1>
      <SettingsProblems problems={problems} />
      {!form && <p class="muted">{t('loading')}</p>}
      {form && (
        <OptionsForm
          value={form}
          errors={errors}
          templateLabel={template.label}
          onChange={(key, v) => {
            setForm((f) => f && { ...f, [key]: v });
            setStatus(null);
          }}
          onSave={save}
          status={status}
        />
      )}
      <WatchedSites sites={sites} onRemove={remove} error={siteError} />
      <section aria-labelledby="data-h">
        <h2 id="data-h">{t('optDataHeading')}</h2>
        <p class="muted small">{t('optDataNote')}</p>
        {deleted && <DeleteStatus message={deleted} />}
        <DeleteConfirm
          label={t('optDeleteLabel')}
          testId="delete-all"
          question={t('deleteAllQuestion')}
          confirmLabel={t('deleteAllConfirm')}
          onConfirm={deleteAll}
        />
      </section>
    </main>
  );
}
